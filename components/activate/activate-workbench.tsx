'use client';

import { useRouter } from 'next/navigation';
import { useState, useSyncExternalStore } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { activateFormSchema, type ActivateFormInput, type ActivateForm } from '@/lib/schemas/activate';
import { consoleFetch, ConsoleApiError } from '@/components/api/console-api';
import { Button } from '@/components/ui/button';
import { CallOut } from '@/components/ui/call-out';
import { CodeBlock, copyText } from '@/components/ui/code-block';
import { useToasts } from '@/components/ui/toast';
import { FormRow } from '@/components/ui/form-row';
import { Panel } from '@/components/ui/panel';
import { PasswordField } from '@/components/ui/password-field';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { Spacer } from '@/components/ui/spacer';
import { TextArea } from '@/components/ui/text-area';
import { TextField } from '@/components/ui/text-field';
import { PROFILES_QUERY_KEY } from '@/components/profiles/types';
import { ActivationPlaceholder, ActivationResult, type ActivationOutcome } from './activation-result';
import { activateCurlCommand } from './curl-command';

const EMPTY: ActivateFormInput = { grantType: 'password', username: '', password: '', accessToken: '', sharedSecret: '' };

/** A value that can be taken once; afterwards nothing refers to it any more. */
class OneShot<T> {
  private value: T | null;
  constructor(value: T) {
    this.value = value;
  }
  take(): T | null {
    const value = this.value;
    this.value = null;
    return value;
  }
}

const noSubscription = () => () => {};

/** Secrets are cleared from the form once a request has been made with them. */
const SECRET_FIELDS = ['password', 'accessToken', 'sharedSecret'] as const;

/**
 * The activate form and its result. Validation runs on submit, then on every change; the
 * request goes to the BFF; the secrets never stay in form or query state after submitting.
 */
export function ActivateWorkbench({ initialUsername = '' }: { initialUsername?: string }) {
  const form = useForm<ActivateFormInput, unknown, ActivateForm>({
    resolver: zodResolver(activateFormSchema),
    defaultValues: { ...EMPTY, username: initialUsername },
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, control, handleSubmit, setValue, formState } = form;
  const grantType = useWatch({ control, name: 'grantType' }) ?? 'password';
  const username = useWatch({ control, name: 'username' });
  const sharedSecret = useWatch({ control, name: 'sharedSecret' });
  const [lastRequest, setLastRequest] = useState<{ grantType: ActivateForm['grantType']; username: string; withSharedSecret: boolean } | null>(null);

  // The payload travels in a one-shot parcel that is emptied when sent, so the mutation state
  // that React Query keeps holds no copy of the password or token.
  const router = useRouter();
  const queryClient = useQueryClient();
  const mutation = useMutation<ActivationOutcome, ConsoleApiError, OneShot<ActivateForm>>({
    mutationFn: (parcel) => consoleFetch<ActivationOutcome>('/api/console/activate', { method: 'POST', json: parcel.take() }),
    onSuccess: (outcome) => {
      if (outcome.status < 200 || outcome.status >= 300) return;
      // A profile was created or updated (and enabled): pages visited before (the user's edit
      // page, the users list, cached profile searches) must not come back with the old state.
      void queryClient.invalidateQueries({ queryKey: PROFILES_QUERY_KEY });
      router.refresh();
    },
  });

  // A new attempt or another grant type makes the shown response stale: clear it (and the cURL
  // of that request), so it never sits next to the new field errors as if it were their answer.
  const clearResponse = () => {
    mutation.reset();
    setLastRequest(null);
  };

  const onSubmit = handleSubmit((values) => {
    setLastRequest({ grantType: values.grantType, username: values.username, withSharedSecret: values.sharedSecret !== '' });
    for (const field of SECRET_FIELDS) setValue(field, '', { shouldValidate: false, shouldDirty: false });
    mutation.mutate(new OneShot(values));
  }, clearResponse);

  const errors = formState.errors;
  const origin = useSyncExternalStore(noSubscription, () => window.location.origin, () => '');
  const curl = activateCurlCommand(origin, {
    grantType,
    username: grantType === 'password' ? (lastRequest?.username ?? username ?? '') : undefined,
    withSharedSecret: grantType === 'access_token' && ((sharedSecret ?? '') !== '' || (lastRequest?.withSharedSecret ?? false)),
  });

  return (
    <div className="pc-activate">
      <Panel paddingSize="l" className="pc-activate__form" as="section" aria-labelledby="activate-form-title">
        <h2 id="activate-form-title" className="pc-title pc-title--xs">
          Credentials of the user
        </h2>
        <Spacer size="m" />
        <form onSubmit={onSubmit} noValidate data-testid="activateForm">
          <FormRow label="Grant type" labelType="legend" helpText="How the user proves who they are.">
            {(rowProps) => (
              <Controller
                control={control}
                name="grantType"
                render={({ field }) => (
                  <SegmentedControl
                    {...rowProps}
                    legend="Grant type"
                    idSelected={field.value}
                    onChange={(id) => {
                      if (id !== field.value) clearResponse();
                      field.onChange(id);
                    }}
                    options={[
                      { id: 'password', label: 'Password', 'data-testid': 'grantPassword' },
                      { id: 'access_token', label: 'Access token', 'data-testid': 'grantAccessToken' },
                    ]}
                    data-testid="grantType"
                  />
                )}
              />
            )}
          </FormRow>
          {grantType === 'password' ? (
            <>
              <FormRow label="Username" error={errors.username?.message}>
                <TextField autoComplete="off" spellCheck={false} data-testid="username" {...register('username')} />
              </FormRow>
              <FormRow label="Password" error={errors.password?.message} helpText="The user's own password. It is not kept after submitting.">
                <PasswordField autoComplete="off" data-testid="password" {...register('password')} />
              </FormRow>
            </>
          ) : (
            <>
              <FormRow
                label="Access token"
                error={errors.accessToken?.message}
                helpText="An Elasticsearch access token or a JWT issued to the user."
              >
                <TextArea mono rows={4} spellCheck={false} autoComplete="off" data-testid="accessToken" {...register('accessToken')} />
              </FormRow>
              <FormRow
                label="Client shared secret"
                labelAppend={<span className="pc-text pc-text--subdued">Optional</span>}
                error={errors.sharedSecret?.message}
                helpText="For JWT realms that require client authentication (SharedSecret)."
              >
                <PasswordField autoComplete="off" data-testid="sharedSecret" {...register('sharedSecret')} />
              </FormRow>
            </>
          )}
          <Spacer size="m" />
          <Button type="submit" display="fill" isLoading={mutation.isPending} busyLabel="Activating…" data-testid="activateSubmit">
            Activate profile
          </Button>
        </form>
      </Panel>

      <Panel paddingSize="l" className="pc-activate__result" as="section" aria-label="Result" aria-busy={mutation.isPending || undefined}>
        {mutation.isError ? (
          <CallOut color="danger" title="The request could not be sent" role="alert" data-testid="bffError">
            <p>{mutation.error.message}</p>
          </CallOut>
        ) : mutation.data ? (
          <ActivationResult outcome={mutation.data} />
        ) : (
          <ActivationPlaceholder pending={mutation.isPending} username={lastRequest?.grantType === 'password' ? lastRequest.username : undefined} />
        )}
        <Spacer size="l" />
        <CopyCurlButton command={curl} />
        <Spacer size="s" />
        <details className="pc-details" data-testid="curlDetails">
          <summary>Request as cURL</summary>
          <Spacer size="s" />
          <CodeBlock language="text" aria-label="cURL command" data-testid="curlCommand">
            {curl}
          </CodeBlock>
        </details>
      </Panel>
    </div>
  );
}

/** Kibana Dev Tools' "Copy as cURL": the request with placeholders where secrets would be. */
function CopyCurlButton({ command }: { command: string }) {
  const toasts = useToasts();
  return (
    <Button
      display="empty"
      size="s"
      iconType="copy"
      data-testid="copyAsCurl"
      onClick={async () => {
        if (await copyText(command)) toasts.addSuccess('Copied the request as cURL');
        else toasts.addDanger('Could not copy to the clipboard', 'Select the command under "Request as cURL" and copy it.');
      }}
    >
      Copy as cURL
    </Button>
  );
}
