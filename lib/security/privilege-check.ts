/**
 * Privilege checks against role descriptors, as Elasticsearch's has-privileges does for the
 * profile has-privileges API: cluster privileges, index privileges over index name patterns
 * and application privileges over resources.
 *
 * Names and patterns are compared as languages: a checked pattern is granted when every name it
 * can match is granted. Wildcard patterns (`*`, `?`) are compared exactly against one granting
 * pattern at a time; Lucene regular expressions (`/.../`) are evaluated for concrete names and,
 * for wildcard patterns, in the `/~((a|b).*)/` "everything not starting with" form the reserved
 * roles use; any other combination is conservatively not granted.
 */
import { compileLuceneRegex, compileWildcard, PatternError, type PatternMatcher } from './patterns';
import { CLUSTER_PRIVILEGES, isClusterActionPattern, unknownClusterPrivilege } from './privileges';
import { illegalArgument } from './errors';
import type { ApplicationPrivileges, IndicesPrivileges, RoleDescriptor } from './roles';

export interface IndexPrivilegesCheck {
  names: string[];
  privileges: string[];
  allowRestrictedIndices: boolean;
}

export interface ApplicationPrivilegesCheck {
  application: string;
  privileges: string[];
  resources: string[];
}

export interface PrivilegesToCheck {
  cluster: string[];
  index: IndexPrivilegesCheck[];
  application: ApplicationPrivilegesCheck[];
}

// ---------------------------------------------------------------------------------------------
// Validation (AuthorizationEngine.PrivilegesToCheck.validate)

/** Strings.INVALID_FILENAME_CHARS, in the order Elasticsearch prints them. */
const INVALID_FILENAME_CHARS = ' "*\\<|,>/?';

/** ApplicationPrivilege.validateApplicationName, wildcards not allowed. Returns the problem or undefined. */
export function applicationNameProblem(application: string): string | undefined {
  if (application === '') return 'Application names cannot be blank';
  if (application.includes('*')) return `Application names may not contain '*' (found '${application}')`;
  if (/\s/.test(application)) return `Application names may not contain whitespace (found '${application}')`;
  const separator = application.search(/[_-]/);
  const prefix = separator === -1 ? application : application.slice(0, separator);
  if (!/^[a-z][A-Za-z0-9]*$/.test(prefix)) {
    return `An application name prefix must match the pattern ^[a-z][A-Za-z0-9]*$ (found '${prefix}')`;
  }
  if (prefix.length < 3) return `An application name prefix must be at least 3 characters long (found '${prefix}')`;
  if (separator !== -1) {
    const suffix = application.slice(separator + 1);
    if ([...suffix].some((c) => INVALID_FILENAME_CHARS.includes(c))) {
      return `An application name suffix may not contain any of the characters '${INVALID_FILENAME_CHARS}' (found '${suffix}')`;
    }
  }
  return undefined;
}

export function validatePrivilegesToCheck(check: PrivilegesToCheck): string[] {
  const problems: string[] = [];
  for (const entry of check.application) {
    const problem = applicationNameProblem(entry.application);
    if (problem) problems.push(problem);
  }
  if (check.cluster.length === 0 && check.index.length === 0 && check.application.length === 0) {
    problems.push('must specify at least one privilege');
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Wildcard patterns

function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

function isRegex(pattern: string): boolean {
  return pattern.length >= 2 && pattern.startsWith('/') && pattern.endsWith('/');
}

const globCache = new Map<string, PatternMatcher>();

/**
 * Does wildcard `pattern` (`*` any run, `?` one character) match `name` entirely? Matched in
 * linear time (patterns.ts), not with a backtracking RegExp: `a*a*a*...b` must not be a DoS.
 */
export function globMatches(pattern: string, name: string): boolean {
  let matcher = globCache.get(pattern);
  if (!matcher) {
    try {
      matcher = compileWildcard(pattern, false);
    } catch (error) {
      // Too large to compile: such a pattern grants nothing.
      if (!(error instanceof PatternError)) throw error;
      matcher = { test: () => false };
    }
    if (globCache.size > 10_000) globCache.clear();
    globCache.set(pattern, matcher);
  }
  return matcher.test(name);
}

/** Is every string wildcard `inner` matches also matched by wildcard `outer`? */
export function globSubset(inner: string, outer: string): boolean {
  const a = [...inner];
  const b = [...outer];
  const memo = new Map<number, boolean>();
  const width = b.length + 1;
  const go = (i: number, j: number): boolean => {
    const key = i * width + j;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let result: boolean;
    if (i === a.length) result = b.slice(j).every((c) => c === '*');
    else if (j === b.length) result = false;
    else if (b[j] === '*') result = go(i, j + 1) || go(i + 1, j);
    else if (a[i] === '*') result = false;
    else if (a[i] === '?') result = b[j] === '?' && go(i + 1, j + 1);
    else result = (b[j] === '?' || b[j] === a[i]) && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

/** The literal text before the first wildcard. */
function literalPrefix(pattern: string): string {
  const star = pattern.search(/[*?]/);
  return star === -1 ? pattern : pattern.slice(0, star);
}

/** Could wildcard patterns `a` and `b` match a common string? (Conservative: true when unsure.) */
function mayOverlap(a: string, b: string): boolean {
  const pa = literalPrefix(a);
  const pb = literalPrefix(b);
  return pa.startsWith(pb) || pb.startsWith(pa);
}

// ---------------------------------------------------------------------------------------------
// Lucene regular expressions (the `/.../` index name form)

interface CompiledRegex {
  /** Full-match test for a concrete name; undefined when the syntax is not supported. */
  test?: (name: string) => boolean;
  /** For `~((p1|p2|...).*)`: the prefixes whose strings are excluded. */
  excludedPrefixes?: string[];
}

const regexCache = new Map<string, CompiledRegex>();

/**
 * Compiles a Lucene regex (patterns.ts: literals, `.`, classes, groups, `|`, `*`, `+`, `?`,
 * `{n,m}`, `"..."`, `@`, `#`) plus a whole-pattern `~` complement, to a linear-time matcher.
 * A pattern that is invalid, unsupported or too complex (patterns.ts MAX_PATTERN_PROGRAM_SIZE)
 * has no `test` and so grants nothing.
 */
function compileRoleRegex(pattern: string): CompiledRegex {
  const cached = regexCache.get(pattern);
  if (cached) return cached;
  let body = pattern.slice(1, -1);
  let negate = false;
  if (body.startsWith('~')) {
    negate = true;
    body = body.slice(1);
  }
  const matcher = compileLucene(body);
  const result: CompiledRegex = {};
  if (matcher !== undefined) {
    result.test = negate ? (name) => !matcher.test(name) : (name) => matcher.test(name);
  }
  if (negate) result.excludedPrefixes = prefixAlternatives(body);
  if (regexCache.size > 10_000) regexCache.clear();
  regexCache.set(pattern, result);
  return result;
}

/** A Lucene regex body's matcher, or undefined for syntax this engine cannot evaluate. */
function compileLucene(body: string): PatternMatcher | undefined {
  try {
    return compileLuceneRegex(body);
  } catch (error) {
    if (error instanceof PatternError) return undefined;
    throw error;
  }
}

function prefixAlternatives(body: string): string[] | undefined {
  let inner = body;
  while (inner.startsWith('(') && matchingParen(inner, 0) === inner.length - 1) inner = inner.slice(1, -1);
  if (!inner.endsWith('.*') || !inner.startsWith('(')) return undefined;
  const close = matchingParen(inner, 0);
  if (close !== inner.length - 3) return undefined;
  const alternatives = inner.slice(1, close).split('|');
  const prefixes: string[] = [];
  for (const alternative of alternatives) {
    let literal = '';
    for (let i = 0; i < alternative.length; i++) {
      const c = alternative[i];
      if (c === '[' && alternative[i + 2] === ']' && alternative[i + 1] !== '^') {
        literal += alternative[i + 1];
        i += 2;
      } else if (c === '\\' && i + 1 < alternative.length) {
        literal += alternative[++i];
      } else if (/[A-Za-z0-9_\-:,]/.test(c)) {
        literal += c;
      } else {
        return undefined;
      }
    }
    prefixes.push(literal);
  }
  return prefixes;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Is every name `checked` (a name, wildcard or regex) can match also matched by `granted`? */
export function patternCovers(granted: string, checked: string): boolean {
  if (granted === checked || granted === '*') return true;
  if (isRegex(checked)) return false;
  if (isRegex(granted)) {
    const regex = compileRoleRegex(granted);
    if (!hasWildcard(checked)) return regex.test?.(checked) ?? false;
    // A wildcard pattern is inside "everything not starting with p" when none of its strings
    // can start with p: its literal prefix neither starts with p nor is a prefix of p.
    if (!regex.excludedPrefixes) return false;
    const head = literalPrefix(checked);
    return regex.excludedPrefixes.every((p) => !head.startsWith(p) && !p.startsWith(head));
  }
  return hasWildcard(checked) ? globSubset(checked, granted) : globMatches(granted, checked);
}

// ---------------------------------------------------------------------------------------------
// Cluster privileges

function clusterDefinition(name: string): { grants: string[]; excludes: string[] } | undefined {
  const def = Object.hasOwn(CLUSTER_PRIVILEGES, name) ? CLUSTER_PRIVILEGES[name] : undefined;
  if (def) return { grants: def.grants, excludes: def.excludes ?? [] };
  if (isClusterActionPattern(name)) return { grants: [name], excludes: [] };
  return undefined;
}

/** Whether the granted cluster privileges imply `checked` (a privilege name or action pattern). */
export function clusterPrivilegeGranted(granted: readonly string[], checked: string): boolean {
  const wanted = clusterDefinition(checked);
  if (!wanted) throw unknownClusterPrivilege(checked);
  if (granted.includes(checked)) return true;
  const have = granted.flatMap((name) => {
    const def = clusterDefinition(name);
    return def ? [def] : [];
  });
  return wanted.grants.every((action) =>
    have.some((def) => def.grants.some((g) => globSubset(action, g)) && def.excludes.every((e) => !mayOverlap(action, e))),
  );
}

// ---------------------------------------------------------------------------------------------
// Index privileges (IndexPrivilege), as action patterns so that implication is a subset check.

export const INDEX_PRIVILEGES: Readonly<Record<string, readonly string[]>> = {
  none: [],
  all: ['indices:*', 'internal:transport/proxy/indices:*'],
  manage: ['indices:monitor/*', 'indices:admin/*'],
  create_index: ['indices:admin/create', 'indices:admin/auto_create', 'indices:admin/data_stream/create'],
  delete_index: ['indices:admin/delete', 'indices:admin/data_stream/delete'],
  monitor: ['indices:monitor/*'],
  view_index_metadata: [
    'indices:admin/aliases/get',
    'indices:admin/get',
    'indices:admin/mappings/get',
    'indices:admin/mappings/fields/get*',
    'indices:admin/settings/get*',
    'indices:admin/validate/query*',
    'indices:admin/data_stream/get',
    'indices:admin/resolve/index',
    'indices:admin/ilm/explain',
  ],
  maintenance: ['indices:admin/refresh*', 'indices:admin/flush*', 'indices:admin/synced_flush', 'indices:admin/forcemerge*'],
  manage_ilm: ['indices:admin/ilm/*'],
  manage_data_stream_lifecycle: ['indices:admin/data_stream/lifecycle/*'],
  auto_configure: ['indices:admin/auto_create', 'indices:admin/mapping/auto_put', 'indices:admin/data_stream/create'],
  read: ['indices:data/read/*', 'indices:admin/resolve/index'],
  read_cross_cluster: ['internal:transport/proxy/indices:data/read/*', 'indices:admin/shards/search_shards'],
  write: ['indices:data/write/*', 'indices:admin/mapping/put', 'indices:admin/mapping/auto_put'],
  index: [
    'indices:data/write/index*',
    'indices:data/write/update*',
    'indices:data/write/bulk*',
    'indices:admin/mapping/put',
    'indices:admin/mapping/auto_put',
  ],
  create: ['indices:data/write/index:op_type/create', 'indices:data/write/bulk*', 'indices:admin/mapping/put', 'indices:admin/mapping/auto_put'],
  create_doc: ['indices:data/write/index:op_type/create', 'indices:data/write/bulk*', 'indices:admin/mapping/auto_put'],
  delete: ['indices:data/write/delete*', 'indices:data/write/bulk*'],
};

function isIndexActionPattern(name: string): boolean {
  return name.startsWith('indices:') || name.startsWith('internal:transport/proxy/indices:');
}

function indexActions(name: string): readonly string[] | undefined {
  if (Object.hasOwn(INDEX_PRIVILEGES, name)) return INDEX_PRIVILEGES[name];
  if (isIndexActionPattern(name)) return [name];
  return undefined;
}

function unknownIndexPrivilege(name: string) {
  return illegalArgument(
    `unknown index privilege [${name}]. a privilege must be either one of the predefined fixed indices privileges [` +
      Object.keys(INDEX_PRIVILEGES).sort().join(',') +
      '] or a pattern over one of the available index actions',
  );
}

/** Whether granted index privilege names imply `checked` (a name or action pattern). */
export function indexPrivilegeImplied(granted: readonly string[], checked: string): boolean {
  const wanted = indexActions(checked);
  if (!wanted) throw unknownIndexPrivilege(checked);
  if (granted.includes(checked)) return true;
  const have = granted.flatMap((name) => indexActions(name) ?? []);
  return wanted.every((action) => have.some((g) => globSubset(action, g)));
}

/**
 * Restricted (system) indices: wildcard patterns do not cover them unless the role entry sets
 * allow_restricted_indices. Elasticsearch's list is longer; these are the security ones.
 */
const RESTRICTED_INDEX_PATTERNS = ['.security', '.security-*', '.security-tokens*', '.security-profile*', '.async-search*', '.fleet-secrets*'];

function isRestrictedIndex(name: string): boolean {
  return RESTRICTED_INDEX_PATTERNS.some((p) => globMatches(p, name));
}

function mayMatchRestricted(pattern: string): boolean {
  if (isRegex(pattern)) return true;
  if (!hasWildcard(pattern)) return isRestrictedIndex(pattern);
  return RESTRICTED_INDEX_PATTERNS.some((p) => mayOverlap(pattern, p));
}

function indexEntryCovers(entry: IndicesPrivileges, name: string, allowRestricted: boolean): boolean {
  // Named restricted indices are always checked as such; patterns include them only on request.
  const needsRestricted = hasWildcard(name) || isRegex(name) ? allowRestricted && mayMatchRestricted(name) : isRestrictedIndex(name);
  if (needsRestricted && entry.allow_restricted_indices !== true) return false;
  return entry.names.some((granted) => patternCovers(granted, name));
}

// ---------------------------------------------------------------------------------------------
// Application privileges. Without stored application privilege definitions, privileges are
// compared by name: a role's `*` grants everything, `all` (Kibana's convention) every named
// privilege, and action-like privileges (with `:`, `/` or `*`) are patterns.

function isActionLike(privilege: string): boolean {
  return /[:/*]/.test(privilege);
}

function applicationPrivilegeGranted(granted: readonly string[], checked: string): boolean {
  return granted.some(
    (g) => g === checked || g === '*' || (g === 'all' && !isActionLike(checked)) || (isActionLike(g) && globSubset(checked, g)),
  );
}

function applicationEntryCovers(entry: ApplicationPrivileges, application: string, resource: string, privilege: string): boolean {
  if (!(entry.application === application || globMatches(entry.application, application))) return false;
  if (!entry.resources.some((r) => r === resource || globSubset(resource, r))) return false;
  return applicationPrivilegeGranted(entry.privileges, privilege);
}

// ---------------------------------------------------------------------------------------------

/**
 * Whether the roles together grant every privilege in `check`. Throws Elasticsearch's
 * illegal_argument_exception for an unknown cluster or index privilege name.
 */
export function rolesHavePrivileges(roles: readonly RoleDescriptor[], check: PrivilegesToCheck): boolean {
  const cluster = roles.flatMap((r) => r.cluster);
  let all = true;
  for (const privilege of check.cluster) {
    if (!clusterPrivilegeGranted(cluster, privilege)) all = false;
  }
  for (const entry of check.index) {
    for (const privilege of entry.privileges) if (!indexActions(privilege)) throw unknownIndexPrivilege(privilege);
  }
  const indexEntries = roles.flatMap((r) => r.indices);
  for (const entry of check.index) {
    for (const privilege of entry.privileges) {
      for (const name of entry.names) {
        const granted = indexEntries.some(
          (e) => indexEntryCovers(e, name, entry.allowRestrictedIndices) && indexPrivilegeImplied(e.privileges, privilege),
        );
        if (!granted) all = false;
      }
    }
  }
  const applicationEntries = roles.flatMap((r) => r.applications);
  for (const entry of check.application) {
    for (const privilege of entry.privileges) {
      for (const resource of entry.resources) {
        if (!applicationEntries.some((e) => applicationEntryCovers(e, entry.application, resource, privilege))) all = false;
      }
    }
  }
  return all;
}

/**
 * IndexPrivilege.resolveBySelectorAccess's complaint about a list of granted index privilege
 * names (for role validation), or undefined when every name is a privilege or an action pattern.
 */
export function unknownIndexPrivilegeProblem(names: readonly string[]): string | undefined {
  const unknown = names.find((name) => indexActions(name) === undefined);
  return unknown === undefined ? undefined : unknownIndexPrivilege(unknown).reason;
}
