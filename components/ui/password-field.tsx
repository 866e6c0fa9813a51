'use client';
/**
 * <PasswordField isInvalid? fullWidth? compressed? {...inputProps} ref />: EuiFieldPassword with
 * the "dual" show/hide toggle. The toggle is a real <button> with aria-pressed and the label
 * "Show password" / "Hide password" (aria-controls the input). autoComplete defaults to
 * "current-password"; pass "new-password" on create forms.
 */
import { forwardRef, useId, useState, type InputHTMLAttributes } from 'react';
import { cx } from './class-names';
import { Icon } from './icon';

export interface PasswordFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  isInvalid?: boolean;
  fullWidth?: boolean;
  compressed?: boolean;
}

export const PasswordField = forwardRef<HTMLInputElement, PasswordFieldProps>(function PasswordField(
  { isInvalid, fullWidth, compressed, className, id, autoComplete = 'current-password', disabled, ...rest },
  ref,
) {
  const [visible, setVisible] = useState(false);
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <div
      className={cx(
        'pc-password',
        fullWidth && 'pc-password--full-width',
        compressed && 'pc-password--compressed',
        className,
      )}
    >
      <input
        ref={ref}
        id={inputId}
        type={visible ? 'text' : 'password'}
        autoComplete={autoComplete}
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        disabled={disabled}
        className={cx('pc-field', compressed && 'pc-field--compressed', isInvalid && 'pc-field--invalid')}
        {...rest}
        aria-invalid={isInvalid || rest['aria-invalid'] || undefined}
      />
      <button
        type="button"
        className="pc-password__toggle"
        aria-controls={inputId}
        aria-pressed={visible}
        aria-label={visible ? 'Hide password' : 'Show password'}
        title={visible ? 'Hide password' : 'Show password'}
        disabled={disabled}
        onClick={() => setVisible((v) => !v)}
      >
        <Icon type={visible ? 'eyeClosed' : 'eye'} />
      </button>
    </div>
  );
});
