/**
 * <TextField isInvalid? fullWidth? compressed? iconType? {...inputProps} ref />: EuiFieldText.
 * 40px (compressed 32px), radius 8px, border #CAD3E2, 2px focus border; invalid = danger border
 * and aria-invalid. Any <input> prop passes through (works with react-hook-form's register()).
 * iconType puts a decorative icon on the left (e.g. "search").
 */
import { forwardRef, type InputHTMLAttributes } from 'react';
import { cx } from './class-names';
import { Icon, type IconType } from './icon';

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  isInvalid?: boolean;
  fullWidth?: boolean;
  compressed?: boolean;
  iconType?: IconType;
}

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { isInvalid, fullWidth, compressed, iconType, className, type = 'text', ...rest },
  ref,
) {
  const input = (
    <input
      ref={ref}
      type={type}
      className={cx(
        'pc-field',
        fullWidth && 'pc-field--full-width',
        compressed && 'pc-field--compressed',
        isInvalid && 'pc-field--invalid',
        iconType ? undefined : className,
      )}
      {...rest}
      aria-invalid={isInvalid || rest['aria-invalid'] || undefined}
    />
  );
  if (!iconType) return input;
  return (
    <div className={cx('pc-field-icon-wrap', fullWidth && 'pc-field-icon-wrap--full-width', className)}>
      <Icon type={iconType} />
      {input}
    </div>
  );
});
