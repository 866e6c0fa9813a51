'use client';

import { useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { signInSchema, type SignInInput } from '@/lib/schemas/sign-in';
import { Button } from '@/components/ui/button';
import { CallOut } from '@/components/ui/call-out';
import { FormRow } from '@/components/ui/form-row';
import { PasswordField } from '@/components/ui/password-field';
import { Spacer } from '@/components/ui/spacer';
import { TextField } from '@/components/ui/text-field';

/**
 * Sign-in with Elasticsearch credentials. A wrong username or password gets one message that
 * does not say which was wrong; the password field is cleared after every attempt.
 */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setValue,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { username: '', password: '' },
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });

  const submit = handleSubmit(async (values) => {
    const result = await signIn('credentials', { redirect: false, username: values.username, password: values.password });
    setValue('password', '');
    if (!result || result.error) {
      setFailure(result?.error === 'CredentialsSignin' ? 'Username or password is incorrect. Try again.' : 'Sign-in is not available right now. Try again.');
      setFocus('password');
      return;
    }
    // A full navigation, so every server component sees the new session cookie.
    window.location.assign(callbackUrl);
  });
  // A new attempt clears the last attempt's banner, also when the fields fail validation.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    setFailure(null);
    return submit(event);
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="sign-in-title" className="pc-sign-in__form">
      {failure ? (
        <>
          <CallOut color="danger" title={failure} role="alert" data-testid="signInError" />
          <Spacer size="m" />
        </>
      ) : null}
      <FormRow label="Username" error={errors.username?.message} fullWidth>
        <TextField autoComplete="username" autoFocus fullWidth {...register('username')} />
      </FormRow>
      <FormRow label="Password" error={errors.password?.message} fullWidth>
        <PasswordField autoComplete="current-password" fullWidth {...register('password')} />
      </FormRow>
      <Spacer size="m" />
      <Button type="submit" display="fill" fullWidth isLoading={isSubmitting} busyLabel="Signing in…">
        Sign in
      </Button>
    </form>
  );
}
