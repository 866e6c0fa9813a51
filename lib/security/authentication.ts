/** Who a request (or a grant) was authenticated as. */

export interface User {
  username: string;
  roles: string[];
  fullName: string | null;
  email: string | null;
  metadata: Record<string, unknown>;
  enabled: boolean;
}

export interface RealmRef {
  name: string;
  type: string;
  nodeName: string;
}

export type AuthenticationType = 'realm' | 'token' | 'api_key' | 'anonymous' | 'internal';
export type SubjectType = 'user' | 'api_key' | 'service_account';

/** The parts of a role descriptor authorization reads from an API key. */
export interface ApiKeyRoleDescriptor {
  cluster?: string[];
  /** Usernames (or patterns) the key may run as; the key's owner's roles limit it too. */
  run_as?: string[];
}

/** What an API key may do: its own role descriptors, limited by its owner's at creation. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  /** Empty: the key has its owner's privileges (still limited by `limitedBy`). */
  roleDescriptors: Record<string, ApiKeyRoleDescriptor>;
  limitedBy: Record<string, ApiKeyRoleDescriptor>;
  /** The realm of the key's owner (the key itself authenticates in `_es_api_key`). */
  ownerRealm: { name: string; type: string };
}

/** Who actually authenticated a run-as request (Elasticsearch's authenticating subject). */
export interface AuthenticatingSubject {
  user: User;
  subjectType: SubjectType;
  apiKey?: ApiKeyInfo;
}

/**
 * Elasticsearch's Authentication: `user`, `subjectType`, `apiKey` and `lookupRealm` describe the
 * effective subject (whose privileges apply); `authenticatingRealm` and `authenticationType` how
 * the request authenticated. Without run-as both subjects are the same and `authenticatingSubject`
 * is absent.
 */
export interface Authentication {
  user: User;
  authenticatingRealm: RealmRef;
  /**
   * Run-as only: the realm the effective user was looked up in. Absent on a run-as authentication
   * when no realm knows the user: authorization then refuses the request (as Elasticsearch does).
   */
  lookupRealm?: RealmRef;
  authenticationType: AuthenticationType;
  subjectType: SubjectType;
  apiKey?: ApiKeyInfo;
  /** Run-as only: the subject that authenticated and asked to run as `user`. */
  authenticatingSubject?: AuthenticatingSubject;
}

/** The request header naming the user to run as (AuthenticationServiceField.RUN_AS_USER_HEADER). */
export const RUN_AS_USER_HEADER = 'es-security-runas-user';

/** Authentication.isRunAs. */
export function isRunAs(auth: Authentication): boolean {
  return auth.authenticatingSubject !== undefined;
}

/**
 * Authentication.supportsRunAs (Elasticsearch 9): no chained run-as, no service accounts, no
 * internal or anonymous users; run-as is supported for authentication by a realm, an API key or
 * an access token. Requests of any other authentication have the run-as header ignored.
 */
export function supportsRunAs(auth: Authentication): boolean {
  if (auth.authenticatingSubject !== undefined) return false;
  if (auth.subjectType === 'service_account') return false;
  return auth.authenticationType === 'realm' || auth.authenticationType === 'api_key' || auth.authenticationType === 'token';
}

/**
 * Authentication.runAs: the same authentication with `user` as its effective subject, looked up
 * in `lookupRealm` (undefined when no realm knows the user). The authentication type is kept.
 */
export function runAs(auth: Authentication, user: User, lookupRealm: RealmRef | undefined): Authentication {
  const authenticatingSubject: AuthenticatingSubject = { user: auth.user, subjectType: auth.subjectType };
  if (auth.apiKey) authenticatingSubject.apiKey = auth.apiKey;
  const result: Authentication = {
    user,
    authenticatingRealm: auth.authenticatingRealm,
    authenticationType: auth.authenticationType,
    subjectType: 'user',
    authenticatingSubject,
  };
  if (lookupRealm) result.lookupRealm = lookupRealm;
  return result;
}

/**
 * The realm of the effective subject (Subject.getRealm): the lookup realm under run-as, else the
 * realm that authenticated. Owner checks (API keys, own password) should use this.
 */
export function effectiveRealm(auth: Authentication): RealmRef | undefined {
  return auth.authenticatingSubject !== undefined ? auth.lookupRealm : auth.authenticatingRealm;
}

/** Realms the engine knows, with Elasticsearch's default names. */
export const NATIVE_REALM = { name: 'default_native', type: 'native' } as const;
export const RESERVED_REALM = { name: 'reserved', type: 'reserved' } as const;
export const API_KEY_REALM = { name: '_es_api_key', type: '_es_api_key' } as const;

/**
 * The body of GET /_security/_authenticate, in Elasticsearch's key order (Authentication
 * .toXContentFragment): the effective user's fields; `authentication_realm` is the realm that
 * authenticated, `lookup_realm` the run-as user's realm (the same realm without run-as);
 * `api_key` only when the effective subject is an API key.
 */
export function authenticateResponse(auth: Authentication): Record<string, unknown> {
  const lookup = auth.lookupRealm ?? auth.authenticatingRealm;
  return {
    username: auth.user.username,
    roles: auth.user.roles,
    full_name: auth.user.fullName,
    email: auth.user.email,
    metadata: auth.user.metadata,
    enabled: auth.user.enabled,
    authentication_realm: { name: auth.authenticatingRealm.name, type: auth.authenticatingRealm.type },
    lookup_realm: { name: lookup.name, type: lookup.type },
    authentication_type: auth.authenticationType,
    ...(auth.apiKey ? { api_key: { id: auth.apiKey.id, name: auth.apiKey.name } } : {}),
  };
}
