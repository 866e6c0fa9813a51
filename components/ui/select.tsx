/**
 * <Select options={[{ value, text, disabled? }]} isInvalid? fullWidth? compressed? {...selectProps} ref />:
 * EuiSelect (native <select>, 40px, chevron). Children may be used instead of `options`.
 */
import { forwardRef, type ReactNode, type SelectHTMLAttributes } from 'react';
import { cx } from './class-names';

export interface SelectOption {
  value: string;
  text: ReactNode;
  disabled?: boolean;
}

export interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  options?: SelectOption[];
  isInvalid?: boolean;
  fullWidth?: boolean;
  compressed?: boolean;
}

export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select(
  { options, isInvalid, fullWidth, compressed, className, children, ...rest },
  ref,
) {
  return (
    <select
      ref={ref}
      className={cx(
        'pc-field',
        fullWidth && 'pc-field--full-width',
        compressed && 'pc-field--compressed',
        isInvalid && 'pc-field--invalid',
        className,
      )}
      {...rest}
      aria-invalid={isInvalid || rest['aria-invalid'] || undefined}
    >
      {options
        ? options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.text}
            </option>
          ))
        : children}
    </select>
  );
});
