import type { GrantType } from '@/lib/schemas/activate';

/**
 * "Copy as cURL": the activate request as a shell command, with placeholders where the
 * caller's and the user's secrets would go. Only the username (not a secret) is filled in.
 */
export function activateCurlCommand(origin: string, grant: { grantType: GrantType; username?: string; withSharedSecret?: boolean }): string {
  const body =
    grant.grantType === 'password'
      ? { grant_type: 'password', username: grant.username || '<username>', password: '<password>' }
      : {
          grant_type: 'access_token',
          access_token: '<access-token>',
          ...(grant.withSharedSecret ? { client_authentication: { scheme: 'SharedSecret', value: '<shared-secret>' } } : {}),
        };
  const json = JSON.stringify(body).replace(/'/g, `'\\''`);
  return [
    `curl -X POST '${origin}/_security/profile/_activate' \\`,
    `  -u '<admin-username>:<admin-password>' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${json}'`,
  ].join('\n');
}
