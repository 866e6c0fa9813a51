import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeysStore, ApiKeyRecord, ApiKeyFilter } from '@/lib/store/api-keys-store';

export type { ApiKeyFilter };
import type { Authentication, User } from './authentication';
import { API_KEY_REALM, effectiveRealm } from './authentication';
import { roleDescriptorProblems, type RoleDescriptor, type RoleService } from './roles';
import { authenticationError, EsError, validationError } from './errors';

export interface CreateApiKeyInput {
  name: string;
  expirationMs?: number;
  /** Role descriptors as parsed from the request; partial ones are completed with defaults. */
  roleDescriptors: Record<string, object>;
  metadata: Record<string, unknown>;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  expiration?: number;
  api_key: string;
  encoded: string;
}

export interface ApiKeyView {
  id: string;
  name: string;
  type: 'rest';
  creation: number;
  expiration?: number;
  invalidated: boolean;
  invalidation?: number;
  username: string;
  realm: string;
  realm_type: string;
  metadata: Record<string, unknown>;
  role_descriptors: Record<string, unknown>;
  limited_by?: Array<Record<string, unknown>>;
  profile_uid?: string;
}

/** The unsuccessful-credentials 401 Elasticsearch gives for a bad API key. */
function apiKeyAuthenticationError(detail: string): EsError {
  return new EsError(401, 'security_exception', 'unable to authenticate with provided credentials and anonymous access is not allowed for this request', {
    headers: authenticationError('').headers,
    metadata: { additional_unsuccessful_credentials: `API key: ${detail}` },
  });
}

/**
 * API keys: random secrets of which only a salted SHA-256 is stored (they carry 128 bits of
 * entropy, so a slow hash adds nothing). A key acts with its own role descriptors, limited by
 * its owner's roles as they were at creation.
 */
export class ApiKeyService {
  constructor(
    private readonly store: ApiKeysStore,
    private readonly roles: RoleService,
    private readonly nodeName: string,
    private readonly now: () => number = Date.now,
  ) {}

  create(owner: Authentication, input: CreateApiKeyInput): CreatedApiKey {
    const problems: string[] = [];
    if (!input.name) problems.push('api key name is required');
    else {
      if (input.name.length > 1024) problems.push('api key name may not be more than [1024] characters long');
      if (input.name !== input.name.trim()) problems.push('api key name may not begin or end with whitespace');
      if (input.name.startsWith('_')) problems.push('api key name may not begin with an underscore');
    }
    if (Object.keys(input.metadata).some((k) => k.startsWith('_'))) problems.push('API key metadata keys may not start with [_]');
    const roleDescriptors = Object.fromEntries(
      Object.entries(input.roleDescriptors).map(([name, d]) => [name, normalizeRoleDescriptor(d as Record<string, unknown>) as unknown as RoleDescriptor]),
    );
    // CreateApiKeyRequest.validate runs RoleDescriptorRequestValidator over each descriptor.
    for (const descriptor of Object.values(roleDescriptors)) problems.push(...roleDescriptorProblems(descriptor));
    if (problems.length > 0) throw validationError(problems);
    // TransportCreateApiKeyAction: a key created with an API key must not be able to do anything,
    // or it would outlive (and escape the invalidation of) the key that made it.
    if (owner.subjectType === 'api_key' && grantsAnyPrivileges(Object.values(roleDescriptors))) {
      throw new EsError(400, 'illegal_argument_exception', 'creating derived api keys requires an explicit role descriptor that is empty (has no privileges)');
    }

    // A key made with an API key belongs to that key's owner and is limited by that key.
    const limitedBy = owner.apiKey
      ? effectiveDescriptors(owner.apiKey)
      : Object.fromEntries(owner.user.roles.flatMap((r) => {
          const role = this.roles.get(r);
          return role ? [[r, role]] : [];
        }));
    const id = randomBytes(15).toString('base64url');
    const secret = randomBytes(16).toString('base64url');
    const now = this.now();
    const expiresAt = input.expirationMs !== undefined ? now + input.expirationMs : null;
    // Under run-as the key belongs to the run-as user, in the realm that user came from.
    const ownerRealm = owner.apiKey?.ownerRealm ?? effectiveRealm(owner) ?? owner.authenticatingRealm;
    this.store.insert({
      id,
      name: input.name,
      keyHash: hashSecret(secret),
      username: owner.user.username,
      realmName: ownerRealm.name,
      realmType: ownerRealm.type,
      creator: JSON.stringify({ username: owner.user.username, full_name: owner.user.fullName, email: owner.user.email, metadata: owner.user.metadata }),
      roleDescriptors,
      limitedBy: [limitedBy],
      metadata: input.metadata,
      createdAt: now,
      expiresAt,
    });
    return {
      id,
      name: input.name,
      ...(expiresAt !== null ? { expiration: expiresAt } : {}),
      api_key: secret,
      encoded: Buffer.from(`${id}:${secret}`).toString('base64'),
    };
  }

  /** Authenticates `Authorization: ApiKey base64(id:key)` credentials. */
  authenticate(id: string, secret: string): Authentication {
    const record = this.store.get(id);
    if (!record) throw apiKeyAuthenticationError(`unable to find apikey with id ${id}`);
    if (!verifySecret(secret, record.keyHash)) throw apiKeyAuthenticationError('invalid credentials');
    if (record.invalidated) throw apiKeyAuthenticationError('api key has been invalidated');
    if (record.expiresAt !== null && record.expiresAt <= this.now()) throw apiKeyAuthenticationError('api key is expired');
    const creator = JSON.parse(record.creator) as { full_name: string | null; email: string | null };
    const user: User = {
      username: record.username,
      roles: [],
      fullName: creator.full_name,
      email: creator.email,
      metadata: {},
      enabled: true,
    };
    return {
      user,
      authenticatingRealm: { ...API_KEY_REALM, nodeName: this.nodeName },
      authenticationType: 'api_key',
      subjectType: 'api_key',
      apiKey: {
        id: record.id,
        name: record.name,
        roleDescriptors: record.roleDescriptors as Record<string, { cluster?: string[] }>,
        limitedBy: (record.limitedBy[0] ?? {}) as Record<string, { cluster?: string[] }>,
        ownerRealm: { name: record.realmName, type: record.realmType },
      },
    };
  }

  find(filter: ApiKeyFilter, options: { activeOnly?: boolean } = {}): ApiKeyRecord[] {
    const now = this.now();
    return this.store
      .find(filter)
      .filter((k) => !options.activeOnly || (!k.invalidated && (k.expiresAt === null || k.expiresAt > now)));
  }

  view(record: ApiKeyRecord, options: { withLimitedBy?: boolean; profileUid?: string } = {}): ApiKeyView {
    const view: ApiKeyView = {
      id: record.id,
      name: record.name,
      type: 'rest',
      creation: record.createdAt,
      ...(record.expiresAt !== null ? { expiration: record.expiresAt } : {}),
      invalidated: record.invalidated,
      ...(record.invalidatedAt !== null ? { invalidation: record.invalidatedAt } : {}),
      username: record.username,
      realm: record.realmName,
      realm_type: record.realmType,
      metadata: record.metadata,
      role_descriptors: record.roleDescriptors,
    };
    if (options.withLimitedBy) view.limited_by = record.limitedBy;
    if (options.profileUid) view.profile_uid = options.profileUid;
    return view;
  }

  /** Invalidates the matching keys that are still valid (Elasticsearch looks at active keys only). */
  invalidate(filter: ApiKeyFilter): { invalidated: string[]; previouslyInvalidated: string[] } {
    const invalidated: string[] = [];
    const previouslyInvalidated: string[] = [];
    const now = this.now();
    for (const key of this.store.find(filter)) {
      if (key.invalidated) continue;
      if (this.store.invalidate(key.id, now)) invalidated.push(key.id);
      else previouslyInvalidated.push(key.id);
    }
    return { invalidated, previouslyInvalidated };
  }
}

/** The descriptors that bound what a key can do: its own when it has any, else its limits. */
function effectiveDescriptors(apiKey: NonNullable<Authentication['apiKey']>): Record<string, { cluster?: string[] }> {
  return Object.keys(apiKey.roleDescriptors).length > 0 ? apiKey.roleDescriptors : apiKey.limitedBy;
}

/** Whether any of the descriptors grants something (RoleDescriptor.isEmpty is false), or there are none. */
function grantsAnyPrivileges(descriptors: readonly RoleDescriptor[]): boolean {
  if (descriptors.length === 0) return true;
  return descriptors.some(
    (d) =>
      d.cluster.length > 0 ||
      d.indices.length > 0 ||
      d.applications.length > 0 ||
      d.run_as.length > 0 ||
      Object.keys(d.metadata).length > 0 ||
      Object.keys(d.global ?? {}).length > 0,
  );
}

function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  const digest = createHash('sha256').update(salt).update(secret, 'utf8').digest();
  return `{ssha256}${salt.toString('base64')}$${digest.toString('base64')}`;
}

function verifySecret(secret: string, stored: string): boolean {
  const match = /^\{ssha256\}([^$]+)\$(.+)$/.exec(stored);
  if (!match) return false;
  const expected = Buffer.from(match[2], 'base64');
  const actual = createHash('sha256').update(Buffer.from(match[1], 'base64')).update(secret, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * A role descriptor in the full form Elasticsearch renders (RoleDescriptor.toXContent): every
 * field present, index entries with allow_restricted_indices, "index" accepted for "indices".
 */
export function normalizeRoleDescriptor(descriptor: Record<string, unknown>): Record<string, unknown> {
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []);
  const indices = list(descriptor.indices ?? descriptor.index).map((entry) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    return { ...e, names: list(e.names), privileges: list(e.privileges), allow_restricted_indices: e.allow_restricted_indices === true };
  });
  const global = descriptor.global as Record<string, unknown> | undefined;
  return {
    cluster: list(descriptor.cluster),
    ...(global && Object.keys(global).length > 0 ? { global } : {}),
    indices,
    applications: list(descriptor.applications),
    run_as: list(descriptor.run_as),
    metadata: (descriptor.metadata as Record<string, unknown> | undefined) ?? {},
    transient_metadata: { enabled: true },
    ...(typeof descriptor.description === 'string' ? { description: descriptor.description } : {}),
  };
}
