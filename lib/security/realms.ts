import type { UsersStore, UserRecord } from '@/lib/store/users-store';
import type { User, RealmRef } from './authentication';
import { NATIVE_REALM, RESERVED_REALM } from './authentication';
import { CredentialCache } from './credential-cache';
import { verifyPassword } from './password-hasher';

/**
 * The outcome of a realm's password check, as in Elasticsearch's realm chain: `continue` lets
 * the next realm try; `terminate` stops the chain (a realm that owns the user said no).
 */
export type RealmResult = { kind: 'success'; user: User } | { kind: 'continue' } | { kind: 'terminate' };

export interface PasswordRealm {
  readonly ref: RealmRef;
  authenticate(username: string, password: string): Promise<RealmResult>;
  /** The user when these credentials are in the realm's cache (no slow check), else undefined. */
  cached(username: string, password: string): User | undefined;
  /** Forget cached credentials of a user (after a change to it). */
  invalidate(username: string): void;
  /**
   * Realm.lookupUser, for realms that support user lookup (run-as targets): the user, enabled or
   * not, without checking any credential; undefined when the realm does not know it.
   */
  lookupUser?(username: string): User | undefined;
}

/** Users that belong to the reserved realm. Their records live in the same table. */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set(['elastic', 'kibana_system']);

export const RESERVED_USER_DEFAULTS: Readonly<Record<string, { roles: string[] }>> = {
  elastic: { roles: ['superuser'] },
  kibana_system: { roles: ['kibana_system'] },
};

export function toUser(record: UserRecord): User {
  return {
    username: record.username,
    roles: record.roles,
    fullName: record.fullName,
    email: record.email,
    // Reserved users carry Elasticsearch's `_reserved` marker wherever the user is shown.
    metadata: RESERVED_USERNAMES.has(record.username) ? { _reserved: true, ...record.metadata } : record.metadata,
    enabled: record.enabled,
  };
}

interface RealmOptions {
  nodeName: string;
  cacheTtlMs: number;
  cacheMaxUsers: number;
  now?: () => number;
}

/**
 * A realm whose users and bcrypt hashes sit in the users table. Verified passwords are
 * cached (salted SHA-256, TTL); the cached value is the user snapshot, dropped on change.
 */
class StoredUserRealm implements PasswordRealm {
  readonly ref: RealmRef;
  private readonly cache: CredentialCache<User>;

  constructor(
    realm: { name: string; type: string },
    private readonly store: UsersStore,
    private readonly owns: (username: string) => boolean,
    options: RealmOptions,
  ) {
    this.ref = { name: realm.name, type: realm.type, nodeName: options.nodeName };
    this.cache = new CredentialCache<User>(options.cacheTtlMs, options.cacheMaxUsers, options.now);
  }

  async authenticate(username: string, password: string): Promise<RealmResult> {
    if (!this.owns(username)) return { kind: 'continue' };
    const user = await this.cache.verify(username, password, async () => {
      const record = this.store.get(username);
      if (!record || !record.passwordHash || !record.enabled) return undefined;
      return (await verifyPassword(password, record.passwordHash)) ? toUser(record) : undefined;
    });
    if (user) return { kind: 'success', user };
    // The native realm lets later realms try unknown users; the reserved realm owns its names.
    return this.ref.type === RESERVED_REALM.type ? { kind: 'terminate' } : { kind: 'continue' };
  }

  cached(username: string, password: string): User | undefined {
    return this.owns(username) ? this.cache.lookup(username, password) : undefined;
  }

  invalidate(username: string): void {
    this.cache.invalidate(username);
  }

  /**
   * NativeRealm / ReservedRealm.doLookupUser: the stored user, disabled ones included (the
   * authenticator chain refuses those afterwards); each realm only knows the names it owns.
   */
  lookupUser(username: string): User | undefined {
    if (!this.owns(username)) return undefined;
    const record = this.store.get(username);
    return record ? toUser(record) : undefined;
  }
}

export function createRealmChain(store: UsersStore, options: RealmOptions): PasswordRealm[] {
  return [
    new StoredUserRealm(RESERVED_REALM, store, (u) => RESERVED_USERNAMES.has(u), options),
    new StoredUserRealm(NATIVE_REALM, store, (u) => !RESERVED_USERNAMES.has(u), options),
  ];
}
