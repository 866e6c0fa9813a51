/**
 * <CallOut title? color? iconType? size? role? onDismiss? headingLevel?>body</CallOut>: EuiCallOut.
 * - color: 'primary' (default) | 'success' | 'warning' | 'danger'; tinted background + border.
 * - iconType: defaults per colour (info / checkInCircle / alert / error); `false` for none.
 * - role: 'alert' for errors that must be announced at once (e.g. a failed submit), 'status' for
 *   polite announcements; omit for static notices.
 * - onDismiss adds a "Dismiss" icon button (client components only).
 */
import type { HTMLAttributes, ReactNode } from 'react';
import { Button } from './button';
import { cx } from './class-names';
import { Icon, type IconType } from './icon';

export type CallOutColor = 'primary' | 'success' | 'warning' | 'danger';

const DEFAULT_ICON: Record<CallOutColor, IconType> = {
  primary: 'info',
  success: 'checkInCircle',
  warning: 'alert',
  danger: 'error',
};

export interface CallOutProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title' | 'role' | 'color'> {
  title?: ReactNode;
  color?: CallOutColor;
  iconType?: IconType | false;
  size?: 'm' | 's';
  role?: 'alert' | 'status';
  headingLevel?: 'p' | 'h2' | 'h3' | 'h4';
  onDismiss?: () => void;
  children?: ReactNode;
}

export function CallOut({
  title,
  color = 'primary',
  iconType,
  size = 'm',
  role,
  headingLevel = 'p',
  onDismiss,
  className,
  children,
  ...rest
}: CallOutProps) {
  const icon = iconType === false ? null : (iconType ?? DEFAULT_ICON[color]);
  const Heading = headingLevel;
  return (
    <div
      role={role}
      className={cx(
        'pc-callout',
        `pc-callout--${color}`,
        size === 's' && 'pc-callout--s',
        !title && 'pc-callout--no-title',
        className,
      )}
      {...rest}
    >
      {title || onDismiss ? (
        <div className="pc-callout__header">
          {icon && title ? <Icon type={icon} /> : null}
          {title ? <Heading className="pc-callout__title">{title}</Heading> : null}
          {onDismiss ? (
            <Button
              display="empty"
              color="text"
              size="xs"
              iconOnly
              iconType="cross"
              aria-label="Dismiss"
              className="pc-callout__dismiss"
              onClick={onDismiss}
            />
          ) : null}
        </div>
      ) : null}
      {children ? <div className="pc-callout__body">{children}</div> : null}
    </div>
  );
}
