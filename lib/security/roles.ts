import type { RolesStore } from '@/lib/store/roles-store';
import { isKnownClusterPrivilege, privilegeGrantsAction, unknownClusterPrivilege } from './privileges';
import { unknownIndexPrivilegeProblem } from './privilege-check';
import { illegalArgument, validationError } from './errors';
import { isValidSecurityName, SECURITY_NAME_RULES } from './names';

export interface IndicesPrivileges {
  names: string[];
  privileges: string[];
  allow_restricted_indices?: boolean;
  [key: string]: unknown;
}

export interface ApplicationPrivileges {
  application: string;
  privileges: string[];
  resources: string[];
}

/** A role as Elasticsearch returns it from GET /_security/role. */
export interface RoleDescriptor {
  cluster: string[];
  /** Configurable cluster privileges, stored and returned as given (not enforced here). */
  global?: Record<string, unknown>;
  indices: IndicesPrivileges[];
  applications: ApplicationPrivileges[];
  run_as: string[];
  metadata: Record<string, unknown>;
  transient_metadata: { enabled: boolean };
  description?: string;
}

const KIBANA_INDICES = ['.kibana*'];

function reserved(role: Omit<RoleDescriptor, 'metadata' | 'transient_metadata'> & { description: string }): RoleDescriptor {
  // Keys in the order Elasticsearch writes them: the description comes last.
  const { description, ...privileges } = role;
  return { ...privileges, metadata: { _reserved: true }, transient_metadata: { enabled: true }, description };
}

/** Built-in roles, after Elasticsearch's ReservedRolesStore (the parts this engine enforces). */
export const RESERVED_ROLES: Readonly<Record<string, RoleDescriptor>> = {
  superuser: reserved({
    cluster: ['all'],
    indices: [
      { names: ['*'], privileges: ['all'], allow_restricted_indices: false },
      { names: ['*'], privileges: ['monitor', 'read', 'view_index_metadata', 'read_cross_cluster'], allow_restricted_indices: true },
    ],
    applications: [{ application: '*', privileges: ['*'], resources: ['*'] }],
    run_as: ['*'],
    description: 'Grants full access to cluster management and data indices.',
  }),
  kibana_system: reserved({
    cluster: [
      'monitor',
      'manage_index_templates',
      'manage_saml',
      'manage_token',
      'manage_oidc',
      'manage_pipeline',
      'cancel_task',
      'cluster:admin/xpack/security/profile/activate',
      'cluster:admin/xpack/security/profile/get',
      'cluster:admin/xpack/security/profile/suggest',
      'cluster:admin/xpack/security/profile/has_privileges',
      'cluster:admin/xpack/security/api_key/invalidate',
      'cluster:admin/xpack/security/api_key/grant',
    ],
    indices: [{ names: KIBANA_INDICES, privileges: ['all'], allow_restricted_indices: false }],
    applications: [],
    run_as: [],
    description: 'Grants access necessary for the Kibana system user to read from and write to the Kibana indices.',
  }),
  viewer: reserved({
    cluster: [],
    indices: [
      { names: ['/~(([.]|ilm-history-).*)/'], privileges: ['read', 'view_index_metadata'], allow_restricted_indices: false },
      { names: ['.siem-signals*', '.lists-*', '.items-*'], privileges: ['read', 'view_index_metadata'], allow_restricted_indices: false },
    ],
    applications: [{ application: 'kibana-.kibana', privileges: ['read'], resources: ['*'] }],
    run_as: [],
    description: 'Grants read-only access to all features in Kibana (including Solutions) and to data indices.',
  }),
  editor: reserved({
    cluster: [],
    indices: [
      { names: ['/~(([.]|ilm-history-).*)/'], privileges: ['read', 'view_index_metadata'], allow_restricted_indices: false },
      { names: ['observability-annotations', '.siem-signals*', '.lists-*', '.items-*'], privileges: ['read', 'view_index_metadata', 'write', 'maintenance'], allow_restricted_indices: false },
    ],
    applications: [{ application: 'kibana-.kibana', privileges: ['all'], resources: ['*'] }],
    run_as: [],
    description: 'Grants full access to all features in Kibana (including Solutions) and read-only access to data indices.',
  }),
  kibana_admin: reserved({
    cluster: [],
    indices: [],
    applications: [{ application: 'kibana-.kibana', privileges: ['all'], resources: ['*'] }],
    run_as: [],
    description: 'Grants access to all features in Kibana.',
  }),
  user_profile_admin: reserved({
    cluster: ['manage_user_profile'],
    indices: [],
    applications: [],
    run_as: [],
    description: 'Grants permission to create, update and read user profiles on behalf of other users.',
  }),
};

export function isReservedRole(name: string): boolean {
  return Object.hasOwn(RESERVED_ROLES, name);
}

export interface ResolvedRoles {
  /** Roles that exist, sorted by name (Elasticsearch's "effective roles"). */
  effective: string[];
  /** Assigned roles that do not exist, sorted by name. */
  missing: string[];
  /** Union of the effective roles' cluster privileges. */
  cluster: string[];
}

/**
 * Distinct role-name sets whose resolution is kept: the default size of Elasticsearch's roles
 * cache (`xpack.security.authz.store.roles.cache.max_size`, 10,000), so callers with arbitrary
 * role lists (JWT claims, role mappings) cannot grow it without bound. Unlike Elasticsearch's
 * least-recently-used cache it drops the oldest entry; a dropped set is cheap to resolve again.
 */
export const RESOLVED_ROLES_CACHE_MAX = 10_000;

/**
 * RoleDescriptorRequestValidator: what is wrong with a role's privileges and metadata (for a put
 * role, and for each role descriptor of an API key). Empty when nothing is.
 */
export function roleDescriptorProblems(descriptor: Pick<RoleDescriptor, 'cluster' | 'indices' | 'metadata'>): string[] {
  const problems: string[] = [];
  for (const privilege of descriptor.cluster) {
    if (!isKnownClusterPrivilege(privilege)) problems.push(unknownClusterPrivilege(privilege).reason);
  }
  for (const group of descriptor.indices) {
    const problem = unknownIndexPrivilegeProblem(group.privileges);
    if (problem) problems.push(problem);
  }
  if (Object.keys(descriptor.metadata).some((key) => key.startsWith('_'))) {
    problems.push('role descriptor metadata keys may not start with [_]');
  }
  return problems;
}

/**
 * Role definitions: the built-in ones plus those stored with the role API. Resolution results are
 * cached per role-name set and dropped on every role change, so authorization stays a map lookup.
 */
export class RoleService {
  private readonly resolved = new Map<string, ResolvedRoles>();

  constructor(
    private readonly store: RolesStore,
    private readonly maxCachedResolutions = RESOLVED_ROLES_CACHE_MAX,
  ) {}

  /** Role-name sets whose resolution is currently cached. */
  get cachedResolutions(): number {
    return this.resolved.size;
  }

  get(name: string): RoleDescriptor | undefined {
    return RESERVED_ROLES[name] ?? this.store.get<RoleDescriptor>(name);
  }

  /** All roles, reserved first then stored, each group by name, as Elasticsearch lists them. */
  list(): Array<[string, RoleDescriptor]> {
    const reservedRoles = Object.entries(RESERVED_ROLES).sort(([a], [b]) => a.localeCompare(b));
    const stored = this.store.list<RoleDescriptor>().map((r) => [r.name, r.descriptor] as [string, RoleDescriptor]);
    return [...reservedRoles, ...stored];
  }

  put(name: string, descriptor: RoleDescriptor): boolean {
    // PutRoleRequest.validate: the name, then RoleDescriptorRequestValidator, in one exception.
    const problems: string[] = [];
    if (!isValidSecurityName(name)) problems.push(`Role names ${SECURITY_NAME_RULES}`);
    if (isReservedRole(name)) problems.push(`Role [${name}] is reserved and may not be used.`);
    problems.push(...roleDescriptorProblems(descriptor));
    if (problems.length > 0) throw validationError(problems);
    const created = this.store.upsert(name, descriptor);
    this.resolved.clear();
    return created;
  }

  delete(name: string): boolean {
    // TransportDeleteRoleAction answers an IllegalArgumentException, not a validation error.
    if (isReservedRole(name)) throw illegalArgument(`role [${name}] is reserved and cannot be deleted`);
    const found = this.store.delete(name);
    this.resolved.clear();
    return found;
  }

  resolve(roleNames: readonly string[]): ResolvedRoles {
    const key = roleNames.join('\u0000');
    let result = this.resolved.get(key);
    if (!result) {
      const effective: string[] = [];
      const missing: string[] = [];
      const cluster = new Set<string>();
      for (const name of new Set(roleNames)) {
        const role = this.get(name);
        if (!role) {
          missing.push(name);
          continue;
        }
        effective.push(name);
        role.cluster.forEach((p) => cluster.add(p));
      }
      result = { effective: effective.sort(), missing: missing.sort(), cluster: [...cluster] };
      if (this.resolved.size >= this.maxCachedResolutions) {
        // Evict the oldest insertion (a Map iterates in insertion order); it is recomputed if asked again.
        const oldest = this.resolved.keys().next().value;
        if (oldest !== undefined) this.resolved.delete(oldest);
      }
      this.resolved.set(key, result);
    }
    return result;
  }

  grantsClusterAction(roleNames: readonly string[], action: string): boolean {
    return this.resolve(roleNames).cluster.some((p) => privilegeGrantsAction(p, action));
  }
}
