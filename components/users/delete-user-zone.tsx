'use client';

import { DeleteZone } from '@/components/forms/delete-zone';

/** The edit page's danger zone. Built-in users cannot be deleted (the button is disabled and says why). */
export function DeleteUserZone({ username, reserved }: { username: string; reserved: boolean }) {
  return (
    <DeleteZone
      noun="user"
      name={username}
      endpoint={`/api/console/users/${encodeURIComponent(username)}`}
      listHref="/users"
      description={reserved ? "Built-in users can't be deleted." : 'Permanently delete the user and revoke their access. Their user profile is kept.'}
      disabled={reserved}
      consequence={<p>This user will be permanently deleted and will no longer be able to sign in. This can&apos;t be undone.</p>}
      testIdPrefix="user"
    />
  );
}
