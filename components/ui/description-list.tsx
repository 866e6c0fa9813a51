/**
 * <DescriptionList items={[{ title, description }]} type?="row|columns" compressed? />:
 * EuiDescriptionList (<dl>): bold titles, descriptions below (row) or beside them (columns).
 */
import type { ReactNode } from 'react';
import { cx } from './class-names';

export interface DescriptionListItem {
  title: ReactNode;
  description: ReactNode;
}

export interface DescriptionListProps {
  items: DescriptionListItem[];
  type?: 'row' | 'columns';
  compressed?: boolean;
  className?: string;
}

export function DescriptionList({ items, type = 'row', compressed, className }: DescriptionListProps) {
  return (
    <dl className={cx('pc-dl', type === 'columns' && 'pc-dl--columns', compressed && 'pc-dl--compressed', className)}>
      {items.map((item, i) => (
        <div key={i} style={{ display: 'contents' }}>
          <dt>{item.title}</dt>
          <dd>{item.description}</dd>
        </div>
      ))}
    </dl>
  );
}
