/**
 * <FormRow label helpText? error? isInvalid? id? fullWidth? labelType? labelAppend?>{control}</FormRow>
 * EuiFormRow: label above the control, help text and error(s) below, max width 400px.
 * - The single child element is cloned with `id`, `aria-describedby` (help + error ids, merged
 *   with the child's own) and `aria-invalid`; or pass a function child:
 *   {(p) => <TextField {...p} {...register('username')} />}.
 * - `error` (string | node | array) shows only when invalid; isInvalid defaults to "error given",
 *   so react-hook-form can pass `error={errors.username?.message}`.
 * - labelType 'legend' renders a <fieldset>/<legend> (for radio groups / SegmentedControl; the
 *   child also gets aria-labelledby = legend id).
 */
import {
  cloneElement,
  isValidElement,
  useId,
  type ReactElement,
  type ReactNode,
} from 'react';
import { cx } from './class-names';

export interface FormRowControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-labelledby'?: string;
}

export interface FormRowProps {
  label?: ReactNode;
  labelAppend?: ReactNode;
  helpText?: ReactNode;
  error?: ReactNode | ReactNode[];
  isInvalid?: boolean;
  /** id of the control (generated when omitted). */
  id?: string;
  fullWidth?: boolean;
  labelType?: 'label' | 'legend';
  className?: string;
  'data-testid'?: string;
  children: ReactElement | ((controlProps: FormRowControlProps) => ReactNode);
}

function hasError(error: FormRowProps['error']): boolean {
  if (Array.isArray(error)) return error.some((e) => e !== null && e !== undefined && e !== false && e !== '');
  return error !== null && error !== undefined && error !== false && error !== '';
}

export function FormRow({
  label,
  labelAppend,
  helpText,
  error,
  isInvalid,
  id,
  fullWidth,
  labelType = 'label',
  className,
  children,
  ...rest
}: FormRowProps) {
  const generated = useId();
  const controlId = id ?? `${generated}-control`;
  const labelId = `${controlId}-label`;
  const helpId = `${controlId}-help`;
  const errorId = `${controlId}-error`;
  const invalid = isInvalid ?? hasError(error);
  const errors = (Array.isArray(error) ? error : [error]).filter(
    (e) => e !== null && e !== undefined && e !== false && e !== '',
  );
  const showErrors = invalid && errors.length > 0;

  const describedBy = cx(helpText ? helpId : undefined, showErrors ? errorId : undefined) || undefined;
  const controlProps: FormRowControlProps = {
    id: controlId,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(invalid ? { 'aria-invalid': true as const } : {}),
    ...(labelType === 'legend' && label ? { 'aria-labelledby': labelId } : {}),
  };

  let control: ReactNode;
  if (typeof children === 'function') {
    control = children(controlProps);
  } else if (isValidElement<Record<string, unknown>>(children)) {
    const own = children.props['aria-describedby'];
    control = cloneElement(children, {
      ...controlProps,
      'aria-describedby': cx(typeof own === 'string' ? own : undefined, describedBy) || undefined,
    });
  } else {
    control = children;
  }

  const Wrapper = labelType === 'legend' ? 'fieldset' : 'div';
  const labelNode = label ? (
    labelType === 'legend' ? (
      <legend className="pc-form-row__label" id={labelId}>
        {label}
      </legend>
    ) : (
      <label className="pc-form-row__label" id={labelId} htmlFor={controlId}>
        {label}
      </label>
    )
  ) : null;

  return (
    <Wrapper
      className={cx(
        'pc-form-row',
        fullWidth && 'pc-form-row--full-width',
        invalid && 'pc-form-row--invalid',
        className,
      )}
      {...rest}
    >
      {/* A <legend> must be the fieldset's first child to name it, so it is not wrapped. */}
      {labelType === 'legend' ? labelNode : null}
      {(labelType !== 'legend' && labelNode) || labelAppend ? (
        <div className="pc-form-row__label-wrap">
          {labelType === 'legend' ? null : labelNode}
          {labelAppend ? <span className="pc-form-row__label-append">{labelAppend}</span> : null}
        </div>
      ) : null}
      {control}
      {showErrors ? (
        <div id={errorId}>
          {errors.map((e, i) => (
            <div key={i} className="pc-form-row__error">
              {e}
            </div>
          ))}
        </div>
      ) : null}
      {helpText ? (
        <div id={helpId} className="pc-form-row__help">
          {helpText}
        </div>
      ) : null}
    </Wrapper>
  );
}
