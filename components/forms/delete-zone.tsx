'use client';

import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { consoleFetch, ConsoleApiError } from '@/components/api/console-api';
import { Button } from '@/components/ui/button';
import { ConfirmModal } from '@/components/ui/confirm-modal';
import { DescriptionList } from '@/components/ui/description-list';
import { Panel } from '@/components/ui/panel';
import { useToasts } from '@/components/ui/toast';

export interface DeleteZoneProps {
  /** What is deleted, lower case ("user", "role"): titles, toasts and the busy label use it. */
  noun: string;
  name: string;
  /** The console API resource to DELETE. */
  endpoint: string;
  /** Where to go once it is gone. */
  listHref: string;
  /** The description beside the button (why it is disabled, when it is). */
  description: string;
  disabled?: boolean;
  /** The confirm modal's text. */
  consequence: ReactNode;
  /** Test ids: `{prefix}DeletedToast`, `{prefix}DeleteErrorToast`, `delete{Name}Button`, `confirmDelete{Name}`. */
  testIdPrefix: string;
}

/**
 * A detail page's danger zone (Kibana: subdued, shadowless panels with a description list on the
 * left and a small button on the right): "Delete …" behind a confirm modal, then back to the list.
 */
export function DeleteZone({ noun, name, endpoint, listHref, description, disabled = false, consequence, testIdPrefix }: DeleteZoneProps) {
  const router = useRouter();
  const toasts = useToasts();
  const [confirming, setConfirming] = useState(false);
  const Noun = noun[0].toUpperCase() + noun.slice(1);
  const mutation = useMutation<unknown, ConsoleApiError>({
    mutationFn: () => consoleFetch(endpoint, { method: 'DELETE', json: {} }),
    onSuccess: () => {
      toasts.addSuccess(`Deleted ${noun} '${name}'`, undefined, { 'data-testid': `${testIdPrefix}DeletedToast` });
      router.push(listHref);
      router.refresh();
    },
    onError: (error) => {
      setConfirming(false);
      toasts.addDanger(`Could not delete ${noun} '${name}'`, error.message, { 'data-testid': `${testIdPrefix}DeleteErrorToast` });
    },
  });

  return (
    <section aria-labelledby="danger-zone-title" className="pc-danger-zone" data-testid="dangerZone">
      <h2 id="danger-zone-title" className="pc-visually-hidden">
        Danger zone
      </h2>
      <Panel color="subdued" hasShadow={false} paddingSize="m" className="pc-danger-zone__item">
        <DescriptionList className="pc-danger-zone__text" items={[{ title: `Delete ${noun}`, description }]} />
        <Button size="s" color="danger" iconType="trash" disabled={disabled} onClick={() => setConfirming(true)} data-testid={`delete${Noun}Button`}>
          Delete {noun}
        </Button>
      </Panel>
      {confirming ? (
        <ConfirmModal
          title={`Delete ${noun} '${name}'?`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => mutation.mutate()}
          confirmButtonText={`Delete ${noun}`}
          buttonColor="danger"
          isLoading={mutation.isPending || mutation.isSuccess}
          busyLabel={`Deleting ${noun}…`}
          data-testid={`confirmDelete${Noun}`}
        >
          {consequence}
        </ConfirmModal>
      ) : null}
    </section>
  );
}
