import 'server-only';
import { getBackend } from './backend';
import { viaBackend } from './errors';
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
  const result = await viaBackend(() =>
    client.security.hasPrivileges({ cluster: ['manage_user_profile', 'manage_security'] }),
  );
  return {
    manageProfiles: result.cluster.manage_user_profile === true,
    manageUsers: result.cluster.manage_security === true,
  };
}
