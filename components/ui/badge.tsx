/**
 * <Badge color? iconType? iconSide? title?>text</Badge>: EuiBadge, 20px, 12px/500 text.
 * color: 'default' | 'hollow' | 'primary' | 'success' | 'warning' | 'danger' | 'accent'. Every
 * pair meets 4.5:1 (text colours on their tints, light and dark). Kibana: "Disabled" = hollow,
 * "Reserved" = primary, status codes per Dev Tools (2xx success, 4xx warning, 5xx danger).
 * <BadgeGroup> wraps several badges.
 */
import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from './class-names';
import { Icon, type IconType } from './icon';

export type BadgeColor = 'default' | 'hollow' | 'primary' | 'success' | 'warning' | 'danger' | 'accent';

export interface BadgeProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'color'> {
  color?: BadgeColor;
  iconType?: IconType;
  iconSide?: 'left' | 'right';
  children: ReactNode;
}

export function Badge({ color = 'default', iconType, iconSide = 'left', className, children, ...rest }: BadgeProps) {
  const icon = iconType ? <Icon type={iconType} size="s" /> : null;
  return (
    <span className={cx('pc-badge', color !== 'default' && `pc-badge--${color}`, className)} {...rest}>
      {iconSide === 'left' ? icon : null}
      <span className="pc-badge__label">{children}</span>
      {iconSide === 'right' ? icon : null}
    </span>
  );
}

export function BadgeGroup({ className, ...rest }: HTMLAttributes<HTMLSpanElement>) {
  return <span className={cx('pc-badge-group', className)} {...rest} />;
}
