/**
 * <Breadcrumbs items={[{ text, href? }]} aria-label?="Breadcrumbs" />: EuiHeaderBreadcrumbs.
 * A <nav> with an ordered list; items with href are next/link links; the LAST item is the
 * current page: plain text with aria-current="page", never a link. On narrow screens only the
 * last item is shown.
 */
import Link from 'next/link';
import { Icon } from '../ui/icon';
import type { BreadcrumbItem } from './nav-config';

export interface BreadcrumbsProps {
  items: BreadcrumbItem[];
  'aria-label'?: string;
}

export function Breadcrumbs({ items, 'aria-label': ariaLabel = 'Breadcrumbs' }: BreadcrumbsProps) {
  if (items.length === 0) return null;
  return (
    <nav aria-label={ariaLabel} className="pc-breadcrumbs">
      <ol className="pc-breadcrumbs__list">
        {items.map((item, i) => {
          const last = i === items.length - 1;
          return (
            <li key={`${i}-${item.text}`} className="pc-breadcrumbs__item">
              {i > 0 ? <Icon type="arrowRight" size="s" className="pc-breadcrumbs__sep" /> : null}
              {last ? (
                <span className="pc-breadcrumbs__current" aria-current="page" title={item.text}>
                  {item.text}
                </span>
              ) : item.href ? (
                <Link className="pc-breadcrumbs__link" href={item.href} title={item.text}>
                  {item.text}
                </Link>
              ) : (
                <span className="pc-breadcrumbs__link" title={item.text}>
                  {item.text}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
