'use client';

import { DeleteZone } from '@/components/forms/delete-zone';

/** The role page's danger zone (custom roles only; the page does not render it for built-in ones). */
export function DeleteRoleZone({ name }: { name: string }) {
  return (
    <DeleteZone
      noun="role"
      name={name}
      endpoint={`/api/console/roles/${encodeURIComponent(name)}`}
      listHref="/roles"
      description="Permanently delete the role. Users and role mappings that name it lose its privileges."
      consequence={<p>This role will be permanently deleted. Users who have it lose its privileges. This can&apos;t be undone.</p>}
      testIdPrefix="role"
    />
  );
}
