'use client';
/**
 * <Switch label checked onChange={(checked) => …} showLabel? compressed? disabled? />: EuiSwitch,
 * a <button role="switch" aria-checked> named by its label (visible unless showLabel={false}).
 * Clicking the label toggles too.
 */
import { useId, type ReactNode } from 'react';
import { cx } from './class-names';

export interface SwitchProps {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  showLabel?: boolean;
  compressed?: boolean;
  disabled?: boolean;
  id?: string;
  className?: string;
  'aria-describedby'?: string;
  'data-testid'?: string;
}

export function Switch({
  label,
  checked,
  onChange,
  showLabel = true,
  compressed,
  disabled,
  id,
  className,
  ...rest
}: SwitchProps) {
  const generated = useId();
  const buttonId = id ?? generated;
  const labelId = `${buttonId}-label`;
  return (
    <span className={cx('pc-switch', compressed && 'pc-switch--compressed', className)}>
      <button
        id={buttonId}
        type="button"
        role="switch"
        aria-checked={checked}
        aria-labelledby={labelId}
        disabled={disabled}
        className="pc-switch__button"
        onClick={() => onChange(!checked)}
        {...rest}
      />
      <span
        id={labelId}
        className={cx(!showLabel && 'pc-visually-hidden')}
        onClick={() => {
          if (!disabled) onChange(!checked);
        }}
      >
        {label}
      </span>
    </span>
  );
}
