'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { consoleFetch, type ConsoleApiError } from '@/components/api/console-api';
import { Button } from '@/components/ui/button';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { useToasts } from '@/components/ui/toast';
import { PROFILES_QUERY_KEY } from './types';

export interface ProfileStatusActionProps {
  uid: string;
  username: string;
  enabled: boolean;
}

/**
 * "Disable profile" (danger) or "Enable profile", each behind a confirm modal phrased as a
 * question (Kibana's confirm_disable_users / confirm_enable_users). On success: a toast, the
 * finder's cached searches are dropped and the page is rendered again from the server.
 */
export function ProfileStatusAction({ uid, username, enabled }: ProfileStatusActionProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const [open, setOpen] = useState(false);
  const [refreshing, startRefresh] = useTransition();

  const mutation = useMutation<{ enabled: boolean }, ConsoleApiError, boolean>({
    mutationFn: (next) =>
      consoleFetch<{ enabled: boolean }>(`/api/console/profiles/${encodeURIComponent(uid)}/enabled`, {
        method: 'PUT',
        json: { enabled: next },
      }),
    onSuccess: (_, next) => {
      setOpen(false);
      toasts.addSuccess(next ? `Enabled the profile of '${username}'` : `Disabled the profile of '${username}'`);
      void queryClient.invalidateQueries({ queryKey: PROFILES_QUERY_KEY });
      startRefresh(() => router.refresh());
    },
    onError: (error, next) => {
      setOpen(false);
      toasts.addDanger(next ? `Could not enable the profile of '${username}'` : `Could not disable the profile of '${username}'`, error.message);
    },
  });

  // Until the page has been rendered again, show the state the server just confirmed.
  const current = refreshing && mutation.isSuccess && mutation.variables !== undefined ? mutation.variables : enabled;
  return (
    <>
      <Button
        display={current ? 'base' : 'fill'}
        color={current ? 'danger' : 'primary'}
        iconType={current ? 'minusInCircle' : 'checkInCircle'}
        onClick={() => setOpen(true)}
        data-testid="profileStatusButton"
      >
        {current ? 'Disable profile' : 'Enable profile'}
      </Button>
      {open ? (
        current ? (
          <ConfirmModal
            title={`Disable the profile of '${username}'?`}
            onCancel={() => setOpen(false)}
            onConfirm={() => mutation.mutate(false)}
            confirmButtonText="Disable profile"
            busyLabel="Disabling…"
            buttonColor="danger"
            isLoading={mutation.isPending}
            data-testid="confirmDisableProfile"
          >
            <p>
              A disabled profile is no longer suggested (for example as a Cases assignee) and is ignored by privilege
              checks on profiles. Its labels and data are kept.
            </p>
            <p>You can enable it again here; activating the profile again enables it too.</p>
          </ConfirmModal>
        ) : (
          <ConfirmModal
            title={`Enable the profile of '${username}'?`}
            onCancel={() => setOpen(false)}
            onConfirm={() => mutation.mutate(true)}
            confirmButtonText="Enable profile"
            busyLabel="Enabling…"
            isLoading={mutation.isPending}
            data-testid="confirmEnableProfile"
          >
            <p>The profile will be suggested again and take part in privilege checks on profiles.</p>
          </ConfirmModal>
        )
      ) : null}
    </>
  );
}
