'use client';
/**
 * <RolesFormGroup control roles error? helpText? />: the "Privileges" section shared by the
 * create and edit user forms — the role picker bound to the form's `roles` field.
 */
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import { FormRow } from '@/components/ui/form-row';
import { DescribedFormGroup } from './described-form-group';
import { RolePicker } from './role-picker';
import type { RoleChoice } from './types';

export interface RolesFormGroupProps<T extends FieldValues & { roles?: string[] }> {
  control: Control<T>;
  roles: RoleChoice[];
  error?: string;
  helpText?: string;
}

export function RolesFormGroup<T extends FieldValues & { roles?: string[] }>({ control, roles, error, helpText }: RolesFormGroupProps<T>) {
  return (
    <DescribedFormGroup title="Privileges" description="Assign roles to manage access and permissions.">
      <FormRow label="Roles" labelType="legend" error={error} helpText={helpText}>
        {(controlProps) => (
          <Controller
            control={control}
            name={'roles' as Path<T>}
            render={({ field }) => (
              <RolePicker
                {...controlProps}
                roles={roles}
                value={(field.value as string[] | undefined) ?? []}
                onChange={field.onChange}
                onBlur={field.onBlur}
                data-testid="userFormRoles"
              />
            )}
          />
        )}
      </FormRow>
    </DescribedFormGroup>
  );
}
