'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { profileDataFormSchema, type ProfileDataFormInput } from '@/lib/schemas/profile-data';
import { consoleFetch, type ConsoleApiError } from '@/components/api/console-api';
import { Button } from '@/components/ui/button';
import { FormRow } from '@/components/ui/form-row';
import { Spacer } from '@/components/ui/spacer';
import { TextArea } from '@/components/ui/text-area';
import { useToasts } from '@/components/ui/toast';
import { UnsavedChangesGuard } from '@/components/forms/unsaved-changes-guard';

export interface ProfileDataEditorProps {
  uid: string;
  username: string;
  /** The stored labels and data as pretty-printed JSON. */
  labels: string;
  data: string;
}

const FIELDS = ['labels', 'data'] as const;

/**
 * Labels and data as two JSON editors, checked with the schema the BFF uses: on submit first,
 * then on every change. Saving merges into the stored profile (Elasticsearch's update
 * semantics); the page is then rendered again and the editors show the merged result.
 */
export function ProfileDataEditor({ uid, username, labels, data }: ProfileDataEditorProps) {
  const router = useRouter();
  const toasts = useToasts();
  const [refreshing, startRefresh] = useTransition();
  const form = useForm<ProfileDataFormInput>({
    resolver: zodResolver(profileDataFormSchema),
    defaultValues: { labels, data },
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, handleSubmit, reset, setError, formState } = form;

  // New stored values (after a save, or another admin's change): show them.
  useEffect(() => {
    reset({ labels, data });
  }, [labels, data, reset]);

  const mutation = useMutation<{ acknowledged: boolean }, ConsoleApiError, ProfileDataFormInput>({
    mutationFn: (values) =>
      consoleFetch<{ acknowledged: boolean }>(`/api/console/profiles/${encodeURIComponent(uid)}/data`, { method: 'PUT', json: values }),
    onSuccess: (_, values) => {
      reset(values);
      toasts.addSuccess(`Saved the labels and data of '${username}'`);
      startRefresh(() => router.refresh());
    },
    onError: (error) => {
      const fields = error.fields ?? {};
      let shown = false;
      for (const field of FIELDS) {
        if (fields[field]) {
          setError(field, { type: 'server', message: fields[field] }, { shouldFocus: !shown });
          shown = true;
        }
      }
      if (!shown) toasts.addDanger(`Could not save the labels and data of '${username}'`, error.message);
    },
  });

  const onSubmit = handleSubmit((values) => mutation.mutate(values));
  const errors = formState.errors;
  const saving = mutation.isPending || refreshing;

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="profile-data-title" aria-describedby="profile-data-help" data-testid="profileDataForm">
      <div className="pc-profile-data__editors">
        <FormRow
          label="Labels"
          fullWidth
          error={errors.labels?.message}
          helpText="A JSON object of searchable key–value pairs, e.g. used to rank suggestions."
        >
          <TextArea mono fullWidth rows={10} spellCheck={false} autoComplete="off" data-testid="labelsEditor" {...register('labels')} />
        </FormRow>
        <FormRow
          label="Data"
          fullWidth
          error={errors.data?.message}
          helpText="A JSON object of application data, one top-level key per application (e.g. kibana)."
        >
          <TextArea mono fullWidth rows={10} spellCheck={false} autoComplete="off" data-testid="dataEditor" {...register('data')} />
        </FormRow>
      </div>
      <Spacer size="m" />
      <UnsavedChangesGuard dirty={formState.isDirty} />
      <div className="pc-profile-data__actions">
        <Button type="submit" display="fill" iconType="check" isLoading={saving} busyLabel="Saving…" disabled={!formState.isDirty && !saving} data-testid="saveProfileData">
          Save labels and data
        </Button>
        {formState.isDirty && !saving ? (
          <>
            <Button display="empty" onClick={() => reset({ labels, data })} data-testid="discardProfileData">
              Discard changes
            </Button>
            <span className="pc-profile-data__unsaved" data-testid="unsavedChanges">
              <span className="pc-profile-data__dot" aria-hidden="true" />
              Unsaved changes
            </span>
          </>
        ) : null}
      </div>
    </form>
  );
}
