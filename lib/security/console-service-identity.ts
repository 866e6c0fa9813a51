import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Authentication } from './authentication';
import type { HeaderAuthenticator } from './authentication-service';

/** The console's own identity, like Kibana's `elastic/kibana` service account. */
export const CONSOLE_SERVICE_ACCOUNT = 'elastic/profile-console';
export const SERVICE_ACCOUNT_REALM = { name: '_service_account', type: '_service_account' } as const;

/**
 * In embedded mode the console's server code calls the API in-process as this service account.
 * Its credential is random per process and lives only in memory, so no HTTP caller can use it.
 * The account holds the `kibana_system` role: it may create tokens and activate profiles.
 */
export class ConsoleServiceIdentity implements HeaderAuthenticator {
  readonly credential = `pcsvc_${randomBytes(32).toString('base64url')}`;
  private readonly expected = Buffer.from(this.credential);

  constructor(private readonly nodeName: string) {}

  async authenticate(authorization: string): Promise<Authentication | undefined> {
    const match = /^Bearer\s+(pcsvc_\S+)\s*$/.exec(authorization.trim());
    if (!match) return undefined;
    const presented = Buffer.from(match[1]);
    if (presented.length !== this.expected.length || !timingSafeEqual(presented, this.expected)) return undefined;
    return {
      user: { username: CONSOLE_SERVICE_ACCOUNT, roles: ['kibana_system'], fullName: 'Service account profile-console', email: null, metadata: {}, enabled: true },
      authenticatingRealm: { ...SERVICE_ACCOUNT_REALM, nodeName: this.nodeName },
      authenticationType: 'token',
      subjectType: 'service_account',
    };
  }
}
