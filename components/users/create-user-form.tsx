'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { createUserSchema, type CreateUserInput } from '@/lib/schemas/user';
import { consoleFetch, ConsoleApiError } from '@/components/api/console-api';
import { Button, buttonClassName } from '@/components/ui/button';
import { CallOut } from '@/components/ui/call-out';
import { FormRow } from '@/components/ui/form-row';
import { Panel } from '@/components/ui/panel';
import { PasswordField } from '@/components/ui/password-field';
import { Spacer } from '@/components/ui/spacer';
import { TextField } from '@/components/ui/text-field';
import { HorizontalRule } from '@/components/ui/typography';
import { useToasts } from '@/components/ui/toast';
import { ContactRows } from './contact-rows';
import { DescribedFormGroup } from './described-form-group';
import { applyServerFieldErrors } from './field-errors';
import { RolesFormGroup } from './roles-form-group';
import { userHref, type RoleChoice } from './types';

type CreateUser = z.output<typeof createUserSchema>;

const EMPTY: CreateUserInput = { username: '', fullName: '', email: '', password: '', confirmPassword: '', roles: [] };
const FIELDS = ['username', 'fullName', 'email', 'password', 'confirmPassword', 'roles'] as const;

/**
 * Kibana's "Create user" form: Profile, Password and Privileges groups. Validation runs on
 * submit, then on every change; the BFF's field errors land on the fields. The passwords stay in
 * the form after a server error (so fixing e.g. the username and resubmitting works), are cleared
 * once the user is created, and are never kept in query state.
 */
export function CreateUserForm({ roles }: { roles: RoleChoice[] }) {
  const router = useRouter();
  const toasts = useToasts();
  const form = useForm<CreateUserInput, unknown, CreateUser>({
    resolver: zodResolver(createUserSchema),
    defaultValues: EMPTY,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, control, handleSubmit, setValue, setError, setFocus, formState } = form;
  const errors = formState.errors;

  // The payload travels through a ref, not the mutation's variables: React Query keeps no copy
  // of the password.
  const pending = useRef<CreateUser | null>(null);
  const mutation = useMutation<unknown, ConsoleApiError, string>({
    mutationFn: () => {
      const payload = pending.current;
      pending.current = null;
      return consoleFetch('/api/console/users', { method: 'POST', json: payload });
    },
    onSuccess: (_data, username) => {
      setValue('password', '', { shouldValidate: false, shouldDirty: false });
      setValue('confirmPassword', '', { shouldValidate: false, shouldDirty: false });
      toasts.addSuccess(`Created user '${username}'`, undefined, { 'data-testid': 'userCreatedToast' });
      router.push(userHref(username));
    },
    onError: (error, username) => {
      if (!applyServerFieldErrors(error, FIELDS, setError, setFocus)) {
        toasts.addDanger(`Could not create user '${username}'`, error.message, { 'data-testid': 'userCreateErrorToast' });
      }
    },
  });

  // handleSubmit is called in the event handler: the callback touches a ref.
  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    handleSubmit((values) => {
      pending.current = values;
      mutation.mutate(values.username);
    })(event);

  const invalid = formState.isSubmitted && Object.keys(errors).length > 0;

  return (
    <Panel paddingSize="l" as="section" aria-label="New user">
      <form onSubmit={onSubmit} noValidate data-testid="createUserForm">
        {invalid ? (
          <>
            <CallOut color="danger" size="s" title="Please address the highlighted errors." role="alert" data-testid="formErrorCallOut" />
            <Spacer size="l" />
          </>
        ) : null}
        <DescribedFormGroup title="Profile" description="Provide personal details.">
          <FormRow label="Username" error={errors.username?.message} helpText="Username cannot be changed after the user is created.">
            <TextField autoComplete="off" autoCapitalize="off" spellCheck={false} data-testid="userFormUsername" {...register('username')} />
          </FormRow>
          <ContactRows
            fullName={register('fullName')}
            email={register('email')}
            errors={{ fullName: errors.fullName?.message, email: errors.email?.message }}
          />
        </DescribedFormGroup>
        <HorizontalRule />
        <DescribedFormGroup title="Password" description="Protect your data with a strong password.">
          <FormRow
            label="Password"
            error={errors.password?.message}
            helpText={errors.password ? undefined : 'Password must be at least 6 characters.'}
          >
            <PasswordField autoComplete="new-password" data-testid="userFormPassword" {...register('password')} />
          </FormRow>
          <FormRow label="Confirm password" error={errors.confirmPassword?.message}>
            <PasswordField autoComplete="new-password" data-testid="userFormConfirmPassword" {...register('confirmPassword')} />
          </FormRow>
        </DescribedFormGroup>
        <HorizontalRule />
        <RolesFormGroup control={control} roles={roles} error={errors.roles?.message} helpText="A user without roles can sign in but may do nothing." />
        <HorizontalRule />
        <div className="pc-users-form__footer">
          <Button type="submit" display="fill" isLoading={mutation.isPending} busyLabel="Creating user…" data-testid="userFormSubmit">
            Create user
          </Button>
          <Link href="/users" className={buttonClassName({ display: 'empty' })}>
            Cancel
          </Link>
        </div>
      </form>
    </Panel>
  );
}
