'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { consoleFetch, ConsoleApiError } from '@/components/api/console-api';
import { Button } from '@/components/ui/button';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { DescriptionList } from '@/components/ui/description-list';
import { Panel } from '@/components/ui/panel';
import { useToasts } from '@/components/ui/toast';

/**
 * The edit page's danger zone (Kibana: subdued, shadowless panels with a description list on
 * the left and a small button on the right): "Delete user" behind a confirm modal, then back to
 * the list. Built-in users cannot be deleted (the button is disabled and says why).
 */
export function DeleteUserZone({ username, reserved }: { username: string; reserved: boolean }) {
  const router = useRouter();
  const toasts = useToasts();
  const [confirming, setConfirming] = useState(false);
  const mutation = useMutation<unknown, ConsoleApiError>({
    mutationFn: () => consoleFetch(`/api/console/users/${encodeURIComponent(username)}`, { method: 'DELETE', json: {} }),
    onSuccess: () => {
      toasts.addSuccess(`Deleted user '${username}'`, undefined, { 'data-testid': 'userDeletedToast' });
      router.push('/users');
    },
    onError: (error) => {
      setConfirming(false);
      toasts.addDanger(`Could not delete user '${username}'`, error.message, { 'data-testid': 'userDeleteErrorToast' });
    },
  });

  return (
    <section aria-labelledby="danger-zone-title" className="pc-danger-zone" data-testid="dangerZone">
      <h2 id="danger-zone-title" className="pc-visually-hidden">
        Danger zone
      </h2>
      <Panel color="subdued" hasShadow={false} paddingSize="m" className="pc-danger-zone__item">
        <DescriptionList
          className="pc-danger-zone__text"
          items={[
            {
              title: 'Delete user',
              description: reserved
                ? "Built-in users can't be deleted."
                : 'Permanently delete the user and revoke their access. Their user profile is kept.',
            },
          ]}
        />
        <Button
          size="s"
          color="danger"
          iconType="trash"
          disabled={reserved}
          onClick={() => setConfirming(true)}
          data-testid="deleteUserButton"
        >
          Delete user
        </Button>
      </Panel>
      {confirming ? (
        <ConfirmModal
          title={`Delete user '${username}'?`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => mutation.mutate()}
          confirmButtonText="Delete user"
          buttonColor="danger"
          isLoading={mutation.isPending || mutation.isSuccess}
          busyLabel="Deleting user…"
          data-testid="confirmDeleteUser"
        >
          <p>This user will be permanently deleted and will no longer be able to sign in. This can&apos;t be undone.</p>
        </ConfirmModal>
      ) : null}
    </section>
  );
}
