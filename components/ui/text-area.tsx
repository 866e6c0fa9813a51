/**
 * <TextArea isInvalid? fullWidth? mono? rows? {...textareaProps} ref />: EuiTextArea; `mono` uses
 * Roboto Mono (JSON editing). Same border/focus/invalid styles as TextField.
 */
import { forwardRef, type TextareaHTMLAttributes } from 'react';
import { cx } from './class-names';

export interface TextAreaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  isInvalid?: boolean;
  fullWidth?: boolean;
  mono?: boolean;
}

export const TextArea = forwardRef<HTMLTextAreaElement, TextAreaProps>(function TextArea(
  { isInvalid, fullWidth, mono, className, rows = 6, ...rest },
  ref,
) {
  return (
    <textarea
      ref={ref}
      rows={rows}
      className={cx(
        'pc-field',
        fullWidth && 'pc-field--full-width',
        mono && 'pc-field--mono',
        isInvalid && 'pc-field--invalid',
        className,
      )}
      {...(mono ? { spellCheck: false } : {})}
      {...rest}
      aria-invalid={isInvalid || rest['aria-invalid'] || undefined}
    />
  );
});
