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
 * The role page's danger zone (custom roles only; the page does not render it for built-in
 * ones): "Delete role" behind a confirm modal, then back to the list.
 */
export function DeleteRoleZone({ name }: { name: string }) {
  const router = useRouter();
  const toasts = useToasts();
  const [confirming, setConfirming] = useState(false);
  const mutation = useMutation<unknown, ConsoleApiError>({
    mutationFn: () => consoleFetch(`/api/console/roles/${encodeURIComponent(name)}`, { method: 'DELETE', json: {} }),
    onSuccess: () => {
      toasts.addSuccess(`Deleted role '${name}'`, undefined, { 'data-testid': 'roleDeletedToast' });
      router.push('/roles');
      router.refresh();
    },
    onError: (error) => {
      setConfirming(false);
      toasts.addDanger(`Could not delete role '${name}'`, error.message, { 'data-testid': 'roleDeleteErrorToast' });
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
              title: 'Delete role',
              description: 'Permanently delete the role. Users and role mappings that name it lose its privileges.',
            },
          ]}
        />
        <Button size="s" color="danger" iconType="trash" onClick={() => setConfirming(true)} data-testid="deleteRoleButton">
          Delete role
        </Button>
      </Panel>
      {confirming ? (
        <ConfirmModal
          title={`Delete role '${name}'?`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => mutation.mutate()}
          confirmButtonText="Delete role"
          buttonColor="danger"
          isLoading={mutation.isPending || mutation.isSuccess}
          busyLabel="Deleting role…"
          data-testid="confirmDeleteRole"
        >
          <p>This role will be permanently deleted. Users who have it lose its privileges. This can&apos;t be undone.</p>
        </ConfirmModal>
      ) : null}
    </section>
  );
}
