/**
 * Named cluster privileges and the action patterns they grant, after Elasticsearch's
 * ClusterPrivilegeResolver. A role may also list raw action patterns (e.g.
 * `cluster:admin/xpack/security/profile/activate`), as Elasticsearch allows.
 */

import { illegalArgument, type EsError } from './errors';
import { compileWildcard, PatternError, type PatternMatcher } from './patterns';

interface ClusterPrivilegeDefinition {
  /** Action patterns granted; `*` matches any run of characters. */
  grants: string[];
  /** Action patterns removed again from what `grants` matches. */
  excludes?: string[];
}

const SECURITY = 'cluster:admin/xpack/security/';

export const CLUSTER_PRIVILEGES: Readonly<Record<string, ClusterPrivilegeDefinition>> = {
  none: { grants: [] },
  all: { grants: ['cluster:*'] },
  monitor: { grants: ['cluster:monitor/*'] },
  manage: { grants: ['cluster:*'], excludes: [SECURITY + '*', 'cluster:admin/xpack/security_*'] },
  manage_security: { grants: [SECURITY + '*', 'cluster:admin/xpack/security_*'] },
  read_security: {
    grants: [
      SECURITY + '*/get',
      SECURITY + '*/query',
      SECURITY + 'profile/suggest',
      SECURITY + 'profile/has_privileges',
      SECURITY + 'user/list_privileges',
      SECURITY + 'user/has_privileges',
    ],
  },
  manage_user_profile: { grants: [SECURITY + 'profile/*'] },
  manage_token: { grants: [SECURITY + 'token/*', SECURITY + 'refresh_token'] },
  manage_api_key: { grants: [SECURITY + 'api_key/*'] },
  manage_own_api_key: { grants: [] },
  grant_api_key: { grants: [SECURITY + 'api_key/grant'] },
  manage_service_account: { grants: [SECURITY + 'service_account/*'] },
  monitor_ml: { grants: ['cluster:monitor/xpack/ml/*'] },
  manage_index_templates: { grants: ['indices:admin/template/*', 'indices:admin/index_template/*'] },
  manage_pipeline: { grants: ['cluster:admin/ingest/pipeline/*'] },
  manage_saml: { grants: [SECURITY + 'saml/*'] },
  manage_oidc: { grants: [SECURITY + 'oidc/*'] },
  cancel_task: { grants: ['cluster:admin/tasks/cancel'] },
};

const patternCache = new Map<string, PatternMatcher>();
const MATCHES_NOTHING: PatternMatcher = { test: () => false };

/**
 * An action pattern (Automatons.wildcard) as a linear-time matcher: patterns come from stored
 * roles, and a backtracking RegExp for `cluster:a*a*a*...` would stall every authorization.
 * A pattern too large to compile grants nothing.
 */
function patternToRegExp(pattern: string): PatternMatcher {
  let matcher = patternCache.get(pattern);
  if (!matcher) {
    try {
      matcher = compileWildcard(pattern);
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      matcher = MATCHES_NOTHING;
    }
    patternCache.set(pattern, matcher);
  }
  return matcher;
}

export function isKnownClusterPrivilege(name: string): boolean {
  return Object.hasOwn(CLUSTER_PRIVILEGES, name) || isClusterActionPattern(name);
}

/** ClusterPrivilegeResolver's error for a name that is neither a privilege nor an action pattern. */
export function unknownClusterPrivilege(name: string): EsError {
  return illegalArgument(
    `unknown cluster privilege [${name}]. a privilege must be either one of the predefined cluster privilege names [` +
      Object.keys(CLUSTER_PRIVILEGES).sort().join(',') +
      '] or a pattern over one of the available cluster actions',
  );
}

/** Raw action patterns allowed in a role's `cluster` list. */
export function isClusterActionPattern(name: string): boolean {
  return name.startsWith('cluster:') || name.startsWith('indices:admin/template/') || name.startsWith('indices:admin/index_template/');
}

export function privilegeGrantsAction(privilege: string, action: string): boolean {
  const def = CLUSTER_PRIVILEGES[privilege];
  if (!def) {
    return isClusterActionPattern(privilege) && patternToRegExp(privilege).test(action);
  }
  if (!def.grants.some((p) => patternToRegExp(p).test(action))) return false;
  return !(def.excludes ?? []).some((p) => patternToRegExp(p).test(action));
}

/** How many other named privileges one implies: Elasticsearch sorts "least privileged first" by it. */
const IMPLIED_COUNT: Readonly<Record<string, number>> = {
  all: Object.keys(CLUSTER_PRIVILEGES).length,
  manage: 10,
  manage_security: 8,
  manage_api_key: 2,
};

/** The named privileges that grant `action`, least privileged first, as in the 403 message. */
export function findPrivilegesThatGrant(action: string): string[] {
  return Object.keys(CLUSTER_PRIVILEGES)
    .filter((name) => name !== 'none' && privilegeGrantsAction(name, action))
    .sort((a, b) => (IMPLIED_COUNT[a] ?? 0) - (IMPLIED_COUNT[b] ?? 0) || a.localeCompare(b));
}
