/**
 * <Button display? color? size? iconType? iconSide? isLoading? busyLabel? iconOnly? fullWidth?>
 * EUI-style button (EuiButton / EuiButtonEmpty / EuiButtonIcon in one).
 * - display: 'fill' | 'base' (default, tinted) | 'empty' (text only)
 * - color: 'primary' (default) | 'danger' | 'success' | 'text'
 * - size: 'm' 40px (default) | 's' 32px | 'xs' 24px
 * - isLoading: shows a spinner and `busyLabel` (e.g. "Activating…"), sets aria-disabled and
 *   ignores clicks while keeping focus; disabled: native disabled.
 * - iconOnly: renders just `iconType`; `aria-label` is required then.
 * - type defaults to "button" (pass type="submit" for forms). Ref goes to the <button>.
 * For links styled as buttons use buttonClassName({...}) on an <a> or next/link <Link>.
 */
import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { cx } from './class-names';
import { Icon, type IconType } from './icon';
import { LoadingSpinner } from './loading-spinner';

export type ButtonDisplay = 'fill' | 'base' | 'empty';
export type ButtonColor = 'primary' | 'danger' | 'success' | 'text';
export type ButtonSize = 'm' | 's' | 'xs';

export interface ButtonStyleOptions {
  display?: ButtonDisplay;
  color?: ButtonColor;
  size?: ButtonSize;
  fullWidth?: boolean;
  iconOnly?: boolean;
  className?: string;
}

export function buttonClassName({
  display = 'base',
  color = 'primary',
  size = 'm',
  fullWidth,
  iconOnly,
  className,
}: ButtonStyleOptions = {}): string {
  return cx(
    'pc-button',
    `pc-button--${display}`,
    `pc-button--${color}`,
    size !== 'm' && `pc-button--${size}`,
    fullWidth && 'pc-button--full-width',
    iconOnly && 'pc-button--icon-only',
    className,
  );
}

export interface ButtonProps
  extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'color'>,
    Omit<ButtonStyleOptions, 'className'> {
  iconType?: IconType;
  iconSide?: 'left' | 'right';
  isLoading?: boolean;
  /** Label shown while isLoading (default: children). */
  busyLabel?: ReactNode;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  {
    display = 'base',
    color = 'primary',
    size = 'm',
    fullWidth,
    iconOnly,
    iconType,
    iconSide = 'left',
    isLoading = false,
    busyLabel,
    className,
    children,
    type = 'button',
    onClick,
    disabled,
    ...rest
  },
  ref,
) {
  const spinner = <LoadingSpinner size={size === 'xs' ? 's' : 'm'} inheritColor decorative />;
  const icon = iconType ? <Icon type={iconType} size={size === 'xs' ? 's' : 'm'} /> : null;
  const leading = isLoading ? spinner : icon;
  return (
    <button
      ref={ref}
      type={type}
      className={buttonClassName({
        display,
        color,
        size,
        fullWidth,
        iconOnly,
        className: cx(iconSide === 'right' && !isLoading && 'pc-button--icon-right', isLoading && 'pc-button--loading', className),
      })}
      disabled={disabled}
      aria-disabled={isLoading || undefined}
      aria-busy={isLoading || undefined}
      onClick={(event) => {
        if (isLoading) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
      {...rest}
    >
      {iconOnly ? (
        leading
      ) : (
        <span className="pc-button__content">
          {leading}
          <span className="pc-button__label">{isLoading && busyLabel ? busyLabel : children}</span>
        </span>
      )}
    </button>
  );
});
