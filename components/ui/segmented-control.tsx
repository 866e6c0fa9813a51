'use client';
/**
 * <SegmentedControl legend options idSelected onChange size? fullWidth? isDisabled? />:
 * EuiButtonGroup (type="single") as an ARIA radio group: role="radiogroup" + role="radio" buttons
 * with aria-checked, roving tabindex, Arrow keys / Home / End move and select, Space/Enter select.
 * - legend: accessible name (aria-label); or pass aria-labelledby (FormRow labelType="legend"
 *   does that for you).
 * - options: [{ id, label, iconType?, isDisabled?, 'data-testid'? }]
 * Example: grant type
 *   <SegmentedControl legend="Grant type" idSelected={grant} onChange={setGrant}
 *     options={[{ id: 'password', label: 'Password' }, { id: 'access_token', label: 'Access token' }]} />
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { cx } from './class-names';
import { Icon, type IconType } from './icon';

export interface SegmentedControlOption<T extends string = string> {
  id: T;
  label: ReactNode;
  iconType?: IconType;
  isDisabled?: boolean;
  'data-testid'?: string;
}

export interface SegmentedControlProps<T extends string = string> {
  legend?: string;
  options: SegmentedControlOption<T>[];
  idSelected: T;
  onChange: (id: T) => void;
  size?: 'm' | 's' | 'xs';
  fullWidth?: boolean;
  isDisabled?: boolean;
  id?: string;
  className?: string;
  'aria-labelledby'?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  'data-testid'?: string;
}

export function SegmentedControl<T extends string = string>({
  legend,
  options,
  idSelected,
  onChange,
  size = 'm',
  fullWidth,
  isDisabled,
  id,
  className,
  'aria-labelledby': labelledBy,
  ...rest
}: SegmentedControlProps<T>) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const enabled = options.map((o) => !(isDisabled || o.isDisabled));
  const selectedIndex = options.findIndex((o) => o.id === idSelected);
  // The tab stop: the selected option, else the first enabled one.
  const tabStop = selectedIndex >= 0 && enabled[selectedIndex] ? selectedIndex : enabled.indexOf(true);

  const move = (from: number, step: 1 | -1 | 'first' | 'last') => {
    const n = options.length;
    let i = step === 'first' ? -1 : step === 'last' ? n : from;
    const dir = step === 'first' ? 1 : step === 'last' ? -1 : step;
    for (let k = 0; k < n; k++) {
      i = (i + dir + n) % n;
      if (enabled[i]) {
        refs.current[i]?.focus();
        onChange(options[i].id);
        return;
      }
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        event.preventDefault();
        move(index, 1);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        event.preventDefault();
        move(index, -1);
        break;
      case 'Home':
        event.preventDefault();
        move(index, 'first');
        break;
      case 'End':
        event.preventDefault();
        move(index, 'last');
        break;
      default:
    }
  };

  return (
    <div
      id={id}
      role="radiogroup"
      aria-label={labelledBy ? undefined : legend}
      aria-labelledby={labelledBy}
      aria-disabled={isDisabled || undefined}
      className={cx(
        'pc-segmented',
        size !== 'm' && `pc-segmented--${size}`,
        fullWidth && 'pc-segmented--full-width',
        className,
      )}
      {...rest}
    >
      {options.map((option, index) => {
        const checked = option.id === idSelected;
        return (
          <button
            key={option.id}
            ref={(el) => {
              refs.current[index] = el;
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={index === tabStop ? 0 : -1}
            disabled={!enabled[index]}
            className="pc-segmented__option"
            data-testid={option['data-testid']}
            onClick={() => {
              if (!checked) onChange(option.id);
            }}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {option.iconType ? <Icon type={option.iconType} size={size === 'xs' ? 's' : 'm'} /> : null}
            <span>{option.label}</span>
          </button>
        );
      })}
    </div>
  );
}
