'use client';
/**
 * <RolePicker roles value onChange id? aria-labelledby? aria-describedby? aria-invalid? />: the
 * roles of a user as a list of checkboxes grouped "Built-in" / "Custom" (our accessible stand-in
 * for Kibana's roles combo box). Put it in <FormRow labelType="legend" label="Roles">, which
 * names the group. Roles the user has that no longer exist are listed under "Custom" with a note.
 * The selection is summarised above the list ("2 roles selected: editor, viewer").
 */
import { useId } from 'react';
import { Checkbox } from '@/components/ui/checkbox';
import { cx } from '@/components/ui/class-names';
import type { RoleChoice } from './types';

export interface RolePickerProps {
  roles: RoleChoice[];
  value: string[];
  onChange: (roles: string[]) => void;
  onBlur?: () => void;
  id?: string;
  disabled?: boolean;
  'aria-labelledby'?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  'data-testid'?: string;
}

export function RolePicker({
  roles,
  value,
  onChange,
  onBlur,
  id,
  disabled,
  'aria-labelledby': labelledBy,
  'aria-describedby': describedBy,
  'aria-invalid': invalid,
  'data-testid': testId,
}: RolePickerProps) {
  const base = useId();
  const known = new Set(roles.map((r) => r.name));
  const missing: RoleChoice[] = value
    .filter((name) => !known.has(name))
    .map((name) => ({ name, reserved: false, description: 'This role does not exist.' }));
  const groups = [
    { key: 'builtin', title: 'Built-in', items: roles.filter((r) => r.reserved) },
    { key: 'custom', title: 'Custom', items: [...roles.filter((r) => !r.reserved), ...missing] },
  ].filter((g) => g.items.length > 0);
  const selected = new Set(value);
  const summaryId = `${base}-summary`;

  const toggle = (name: string) => {
    onChange(selected.has(name) ? value.filter((v) => v !== name) : [...value, name]);
  };

  return (
    <div
      id={id}
      role="group"
      aria-labelledby={labelledBy}
      aria-describedby={cx(summaryId, describedBy) || undefined}
      className={cx('pc-role-picker', invalid && invalid !== 'false' && 'pc-role-picker--invalid', disabled && 'pc-role-picker--disabled')}
      data-testid={testId}
    >
      <p id={summaryId} className="pc-role-picker__summary">
        {value.length === 0
          ? 'No roles selected'
          : `${value.length} ${value.length === 1 ? 'role' : 'roles'} selected: ${value.join(', ')}`}
      </p>
      <div className="pc-role-picker__list">
        {groups.map((group) => {
          const titleId = `${base}-${group.key}`;
          return (
            <div key={group.key} role="group" aria-labelledby={titleId} className="pc-role-picker__group">
              <p id={titleId} className="pc-role-picker__group-title">
                {group.title}
              </p>
              <ul className="pc-role-picker__options">
                {group.items.map((role, index) => {
                  const descriptionId = `${base}-${group.key}-${index}-desc`;
                  return (
                    <li key={role.name} className="pc-role-picker__option">
                      <Checkbox
                        label={<span className="pc-role-picker__name">{role.name}</span>}
                        checked={selected.has(role.name)}
                        onChange={() => toggle(role.name)}
                        onBlur={onBlur}
                        disabled={disabled}
                        value={role.name}
                        aria-describedby={role.description ? descriptionId : undefined}
                      />
                      {role.description ? (
                        <span id={descriptionId} className="pc-role-picker__description">
                          {role.description}
                        </span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </div>
    </div>
  );
}
