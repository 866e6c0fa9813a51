/**
 * <Checkbox label? {...inputProps} ref />: native checkbox (16px, primary accent) with its label.
 * Without a visible label pass aria-label (e.g. "Select row jacknich" in tables).
 */
import { forwardRef, type InputHTMLAttributes, type ReactNode } from 'react';
import { cx } from './class-names';

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  label?: ReactNode;
}

export const Checkbox = forwardRef<HTMLInputElement, CheckboxProps>(function Checkbox(
  { label, className, ...rest },
  ref,
) {
  return (
    <label className={cx('pc-checkbox', !label && 'pc-checkbox--no-label', className)}>
      <input ref={ref} type="checkbox" {...rest} />
      {label ? <span>{label}</span> : null}
    </label>
  );
});
