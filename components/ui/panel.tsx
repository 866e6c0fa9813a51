/**
 * <Panel paddingSize? color? hasBorder? hasShadow? grow? as?>…</Panel>: EuiPanel, radius 12px.
 * - paddingSize: 'none' | 's' 8 | 'm' 16 (default) | 'l' 24
 * - color: 'plain' (default, white / #111C2C) | 'subdued' | 'transparent' | 'primary' |
 *   'success' | 'warning' | 'danger'
 * - hasBorder: default true for plain, false otherwise; hasShadow: default false.
 * - as: 'div' (default) | 'section' | 'article' | 'aside'
 */
import type { HTMLAttributes } from 'react';
import { cx } from './class-names';

export type PanelColor = 'plain' | 'subdued' | 'transparent' | 'primary' | 'success' | 'warning' | 'danger';

export interface PanelProps extends Omit<HTMLAttributes<HTMLElement>, 'color'> {
  paddingSize?: 'none' | 's' | 'm' | 'l';
  color?: PanelColor;
  hasBorder?: boolean;
  hasShadow?: boolean;
  grow?: boolean;
  as?: 'div' | 'section' | 'article' | 'aside';
}

export function Panel({
  paddingSize = 'm',
  color = 'plain',
  hasBorder,
  hasShadow = false,
  grow,
  as: Element = 'div',
  className,
  ...rest
}: PanelProps) {
  const border = hasBorder ?? color === 'plain';
  return (
    <Element
      className={cx(
        'pc-panel',
        paddingSize !== 'none' && `pc-panel--padding-${paddingSize}`,
        color !== 'plain' && `pc-panel--${color}`,
        border && 'pc-panel--border',
        hasShadow && 'pc-panel--shadow',
        grow && 'pc-panel--grow',
        className,
      )}
      {...rest}
    />
  );
}
