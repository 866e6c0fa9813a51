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
 * Kibana's "Deactivate user" / "Activate user" panel on the edit page (subdued, shadowless, like
 * the danger zone). Deactivating asks first; activating does not. Built-in users may be
 * deactivated too; the page does not render this for the admin's own account, which
 * Elasticsearch refuses ("users may not update the enabled status of their own account").
 */
export function UserStatusZone({ username, enabled }: { username: string; enabled: boolean }) {
  const router = useRouter();
  const toasts = useToasts();
  const [confirming, setConfirming] = useState(false);
  const mutation = useMutation<{ enabled: boolean }, ConsoleApiError, boolean>({
    mutationFn: (next) =>
      consoleFetch(`/api/console/users/${encodeURIComponent(username)}/enabled`, { method: 'PUT', json: { enabled: next } }),
    onSuccess: ({ enabled: now }) => {
      setConfirming(false);
      toasts.addSuccess(`${now ? 'Activated' : 'Deactivated'} user '${username}'`, undefined, { 'data-testid': 'userStatusToast' });
      // The callout, this panel and the users list read the state on the server.
      router.refresh();
    },
    onError: (error, next) => {
      setConfirming(false);
      toasts.addDanger(`Could not ${next ? 'activate' : 'deactivate'} user '${username}'`, error.message, {
        'data-testid': 'userStatusErrorToast',
      });
    },
  });

  return (
    <section aria-labelledby="user-status-title" className="pc-danger-zone" data-testid="userStatusZone">
      <h2 id="user-status-title" className="pc-visually-hidden">
        User status
      </h2>
      <Panel color="subdued" hasShadow={false} paddingSize="m" className="pc-danger-zone__item">
        <DescriptionList
          className="pc-danger-zone__text"
          items={[
            enabled
              ? { title: 'Deactivate user', description: 'Prevent the user from signing in. Their roles and user profile are kept.' }
              : { title: 'Activate user', description: 'Allow the user to sign in again.' },
          ]}
        />
        {enabled ? (
          <Button key="deactivate" size="s" color="danger" iconType="minusInCircle" onClick={() => setConfirming(true)} data-testid="deactivateUserButton">
            Deactivate user
          </Button>
        ) : (
          <Button
            key="activate"
            size="s"
            iconType="checkInCircle"
            onClick={() => mutation.mutate(true)}
            isLoading={mutation.isPending}
            busyLabel="Activating user…"
            data-testid="activateUserButton"
          >
            Activate user
          </Button>
        )}
      </Panel>
      {confirming ? (
        <ConfirmModal
          title={`Deactivate user '${username}'?`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => mutation.mutate(false)}
          confirmButtonText="Deactivate user"
          buttonColor="danger"
          isLoading={mutation.isPending}
          busyLabel="Deactivating user…"
          data-testid="confirmDeactivateUser"
        >
          <p>They can no longer sign in. You can activate the user again later.</p>
        </ConfirmModal>
      ) : null}
    </section>
  );
}
