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

/** What an API key may do: its own role descriptors, limited by its owner's at creation. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  /** Empty: the key has its owner's privileges (still limited by `limitedBy`). */
  roleDescriptors: Record<string, { cluster?: string[] }>;
  limitedBy: Record<string, { cluster?: string[] }>;
  /** The realm of the key's owner (the key itself authenticates in `_es_api_key`). */
  ownerRealm: { name: string; type: string };
}

export interface Authentication {
  user: User;
  authenticatingRealm: RealmRef;
  /** Set when the user was looked up in another realm than the one that authenticated (run-as). */
  lookupRealm?: RealmRef;
  authenticationType: AuthenticationType;
  subjectType: SubjectType;
  apiKey?: ApiKeyInfo;
}

/** Realms the engine knows, with Elasticsearch's default names. */
export const NATIVE_REALM = { name: 'default_native', type: 'native' } as const;
export const RESERVED_REALM = { name: 'reserved', type: 'reserved' } as const;
export const API_KEY_REALM = { name: '_es_api_key', type: '_es_api_key' } as const;

/** The body of GET /_security/_authenticate, in Elasticsearch's key order. */
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
