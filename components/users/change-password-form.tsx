'use client';

import { useRef, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { resetPasswordSchema, type ResetPasswordInput } from '@/lib/schemas/user';
import { consoleFetch, ConsoleApiError } from '@/components/api/console-api';
import { Button } from '@/components/ui/button';
import { CallOut } from '@/components/ui/call-out';
import { FormRow } from '@/components/ui/form-row';
import { PasswordField } from '@/components/ui/password-field';
import { Spacer } from '@/components/ui/spacer';
import { useToasts } from '@/components/ui/toast';
import { DescribedFormGroup } from './described-form-group';
import { applyServerFieldErrors } from './field-errors';

type ResetPassword = z.output<typeof resetPasswordSchema>;

const EMPTY: ResetPasswordInput = { currentPassword: '', password: '', confirmPassword: '' };
const FIELDS = ['currentPassword', 'password', 'confirmPassword'] as const;

/** Built-in users whose password other software is configured with (Kibana's own warnings). */
const SERVICE_USER_NOTES: Readonly<Record<string, string>> = {
  kibana_system: 'Kibana connects with this user: after changing its password, update elasticsearch.password in kibana.yml (or the keystore) and restart Kibana.',
};

/**
 * "Change password" for a user (also built-in ones). Admins changing their own password confirm
 * the current one first, as in Kibana. The fields are cleared as soon as the request is made;
 * no password stays in form or query state.
 */
export function ChangePasswordForm({ username, ownAccount = false }: { username: string; ownAccount?: boolean }) {
  const toasts = useToasts();
  const form = useForm<ResetPasswordInput, unknown, ResetPassword>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: EMPTY,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, handleSubmit, reset, setError, setFocus, formState } = form;
  const errors = formState.errors;

  const pending = useRef<ResetPassword | null>(null);
  const mutation = useMutation<unknown, ConsoleApiError>({
    mutationFn: () => {
      const payload = pending.current;
      pending.current = null;
      const json = ownAccount ? payload : { password: payload?.password, confirmPassword: payload?.confirmPassword };
      return consoleFetch(`/api/console/users/${encodeURIComponent(username)}/password`, { method: 'PUT', json });
    },
    onSuccess: () => {
      toasts.addSuccess(`Changed password of '${username}'`, undefined, { 'data-testid': 'passwordChangedToast' });
    },
    onError: (error) => {
      if (!applyServerFieldErrors(error, FIELDS, setError, setFocus)) {
        toasts.addDanger(`Could not change the password of '${username}'`, error.message, { 'data-testid': 'passwordErrorToast' });
      }
    },
  });

  // handleSubmit is called in the event handler: the callback touches a ref.
  const onSubmit = (event: FormEvent<HTMLFormElement>) =>
    handleSubmit((values) => {
      pending.current = values;
      // A fresh form: empty fields, nothing "submitted", so no errors until the next attempt.
      reset(EMPTY);
      mutation.mutate();
    })(event);

  return (
    <form onSubmit={onSubmit} noValidate data-testid="changePasswordForm">
      <DescribedFormGroup
        title="Change password"
        description={ownAccount ? 'Change the password you sign in with.' : 'Set a new password for this user. They sign in with it from now on.'}
      >
        {SERVICE_USER_NOTES[username] ? (
          <>
            <CallOut title="Other software signs in as this user" color="warning" data-testid="servicePasswordNote">
              <p>{SERVICE_USER_NOTES[username]}</p>
            </CallOut>
            <Spacer size="m" />
          </>
        ) : null}
        {ownAccount ? (
          <FormRow label="Current password" error={errors.currentPassword?.message}>
            <PasswordField autoComplete="current-password" data-testid="currentPassword" {...register('currentPassword')} />
          </FormRow>
        ) : null}
        <FormRow
          label="New password"
          error={errors.password?.message}
          helpText={errors.password ? undefined : 'Password must be at least 6 characters.'}
        >
          <PasswordField autoComplete="new-password" data-testid="newPassword" {...register('password')} />
        </FormRow>
        <FormRow label="Confirm new password" error={errors.confirmPassword?.message}>
          <PasswordField autoComplete="new-password" data-testid="confirmNewPassword" {...register('confirmPassword')} />
        </FormRow>
        <Spacer size="s" />
        <Button type="submit" isLoading={mutation.isPending} busyLabel="Changing password…" data-testid="changePasswordSubmit">
          Change password
        </Button>
      </DescribedFormGroup>
    </form>
  );
}
