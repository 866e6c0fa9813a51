'use client';

import { useRouter } from 'next/navigation';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { userDetailsSchema, type UserDetailsInput } from '@/lib/schemas/user';
import { consoleFetch, ConsoleApiError } from '@/components/api/console-api';
import { Badge, BadgeGroup } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CallOut } from '@/components/ui/call-out';
import { DescriptionList } from '@/components/ui/description-list';
import { FormRow } from '@/components/ui/form-row';
import { Spacer } from '@/components/ui/spacer';
import { TextField } from '@/components/ui/text-field';
import { HorizontalRule } from '@/components/ui/typography';
import { useToasts } from '@/components/ui/toast';
import { UnsavedChangesGuard } from '@/components/forms/unsaved-changes-guard';
import { ContactRows } from './contact-rows';
import { DescribedFormGroup } from './described-form-group';
import { applyServerFieldErrors } from './field-errors';
import { RolesFormGroup } from './roles-form-group';
import type { RoleChoice, UserSummary } from './types';

type UserDetails = z.output<typeof userDetailsSchema>;

const FIELDS = ['fullName', 'email', 'roles'] as const;

function initialValues(user: UserSummary): UserDetailsInput {
  return { fullName: user.fullName ?? '', email: user.email ?? '', roles: user.roles };
}

/**
 * The edit form of a user: Profile (username read-only, full name, email) and Privileges
 * (roles). "Update user" is enabled once something changed; on success the page's server data
 * is refreshed. Built-in users are shown read-only.
 */
export function UserDetailsForm({ user, roles }: { user: UserSummary; roles: RoleChoice[] }) {
  if (user.reserved) return <ReservedUserDetails user={user} />;
  return <EditableUserDetails user={user} roles={roles} />;
}

function ReservedUserDetails({ user }: { user: UserSummary }) {
  return (
    <>
      <DescribedFormGroup title="Profile" description="Personal details of the user." data-testid="userProfileGroup">
        <DescriptionList
          type="columns"
          items={[
            { title: 'Username', description: user.username },
            { title: 'Full name', description: user.fullName || <span className="pc-text--subdued">Not set</span> },
            { title: 'Email address', description: user.email || <span className="pc-text--subdued">Not set</span> },
          ]}
        />
      </DescribedFormGroup>
      <HorizontalRule />
      <DescribedFormGroup title="Privileges" description="Roles that manage access and permissions.">
        <DescriptionList
          type="columns"
          items={[
            {
              title: 'Roles',
              description: (
                <BadgeGroup>
                  {user.roles.map((role) => (
                    <Badge key={role}>{role}</Badge>
                  ))}
                </BadgeGroup>
              ),
            },
          ]}
        />
      </DescribedFormGroup>
    </>
  );
}

function EditableUserDetails({ user, roles }: { user: UserSummary; roles: RoleChoice[] }) {
  const router = useRouter();
  const toasts = useToasts();
  const form = useForm<UserDetailsInput, unknown, UserDetails>({
    resolver: zodResolver(userDetailsSchema),
    defaultValues: initialValues(user),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, control, handleSubmit, reset, setError, setFocus, formState } = form;
  const errors = formState.errors;

  const mutation = useMutation<unknown, ConsoleApiError, UserDetails>({
    mutationFn: (values) =>
      consoleFetch(`/api/console/users/${encodeURIComponent(user.username)}`, { method: 'PUT', json: values }),
    onSuccess: (_data, values) => {
      reset(values);
      toasts.addSuccess(`Updated user '${user.username}'`, undefined, { 'data-testid': 'userUpdatedToast' });
      router.refresh();
    },
    onError: (error) => {
      if (!applyServerFieldErrors(error, FIELDS, setError, setFocus)) {
        toasts.addDanger(`Could not update user '${user.username}'`, error.message, { 'data-testid': 'userUpdateErrorToast' });
      }
    },
  });

  const onSubmit = handleSubmit((values) => mutation.mutate(values));
  const invalid = formState.isSubmitted && Object.keys(errors).length > 0;

  return (
    <form onSubmit={onSubmit} noValidate data-testid="userDetailsForm">
      {invalid ? (
        <>
          <CallOut color="danger" size="s" title="Please address the highlighted errors." role="alert" />
          <Spacer size="l" />
        </>
      ) : null}
      <DescribedFormGroup title="Profile" description="Provide personal details." data-testid="userProfileGroup">
        <FormRow label="Username" helpText="Username cannot be changed after the user is created.">
          <TextField value={user.username} readOnly data-testid="userFormUsername" />
        </FormRow>
        <ContactRows
          fullName={register('fullName')}
          email={register('email')}
          errors={{ fullName: errors.fullName?.message, email: errors.email?.message }}
        />
      </DescribedFormGroup>
      <HorizontalRule />
      <RolesFormGroup control={control} roles={roles} error={errors.roles?.message} />
      <HorizontalRule />
      <UnsavedChangesGuard dirty={formState.isDirty} />
      <div className="pc-users-form__footer">
        <Button
          type="submit"
          display="fill"
          isLoading={mutation.isPending}
          busyLabel="Updating user…"
          disabled={!formState.isDirty && !mutation.isPending}
          data-testid="userFormSubmit"
        >
          Update user
        </Button>
      </div>
    </form>
  );
}
