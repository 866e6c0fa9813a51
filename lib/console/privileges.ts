import 'server-only';
import { getBackend } from './backend';
import { redirect } from 'next/navigation';
import { ConsoleError, viaBackend } from './errors';
import type { AdminSession } from './session';

export interface ConsolePermissions {
  /** Activate, find, enable/disable and edit profiles. */
  manageProfiles: boolean;
  /** Create, edit and delete users. */
  manageUsers: boolean;
}

/** What the signed-in admin may do, from Elasticsearch's own has-privileges check. */
export async function consolePermissions(session: AdminSession): Promise<ConsolePermissions> {
  const client = (await getBackend()).asAdmin(session.accessToken);
  let result;
  try {
    result = await viaBackend(() => client.security.hasPrivileges({ cluster: ['manage_user_profile', 'manage_security'] }));
  } catch (error) {
    // The admin's tokens were invalidated (signed out elsewhere, or revoked): sign in again.
    if (error instanceof ConsoleError && error.status === 401) redirect('/login?callbackUrl=%2Fprofiles%2Factivate');
    throw error;
  }
  return {
    manageProfiles: result.cluster.manage_user_profile === true,
    manageUsers: result.cluster.manage_security === true,
  };
}
