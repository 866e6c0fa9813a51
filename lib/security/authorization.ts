import type { ApiKeyRoleDescriptor, AuthenticatingSubject, Authentication } from './authentication';
import type { ResolvedRoles, RoleDescriptor, RoleService } from './roles';
import { normalizeRoleDescriptor } from './api-key-service';
import { authorizationError } from './errors';
import { CLUSTER_PRIVILEGES, findPrivilegesThatGrant, privilegeGrantsAction } from './privileges';
import { compilePattern, PatternError } from './patterns';
import { Actions } from './actions';

/** Actions every authenticated user may run on themselves, whatever their roles. */
const SELF_ACTIONS: ReadonlySet<string> = new Set([Actions.userAuthenticate, Actions.userHasPrivileges, Actions.userListPrivileges]);

/** A compiled `run_as` privilege: which usernames it lets its holder run as. */
type RunAsPredicate = (username: string) => boolean;

const RUN_AS_NONE: RunAsPredicate = () => false;

/**
 * Every method first settles run-as, as AuthorizationService.maybeAuthorizeRunAs does before the
 * action: a run-as authentication whose authenticating subject may not run as the effective user
 * is authorized for nothing. After that, the effective (run-as) user's roles decide.
 */
export class AuthorizationService {
  /**
   * Run-as predicates per resolved role set. Keyed by RoleService's cached resolution object,
   * which is replaced on every role change, so a stale predicate is never used.
   */
  private readonly runAsByRoles = new WeakMap<ResolvedRoles, RunAsPredicate>();

  constructor(private readonly roles: RoleService) {}

  /**
   * The role descriptors whose privileges the effective subject holds, as sets that must all
   * grant a privilege: a user's roles; an API key's own descriptors limited by its owner's
   * (LimitedRole). For has-privileges style answers; call `authorize` first, which settles run-as.
   */
  effectiveRoleSets(auth: Authentication): RoleDescriptor[][] {
    const toDescriptors = (descriptors: Record<string, object>) =>
      Object.values(descriptors).map((d) => normalizeRoleDescriptor(d as Record<string, unknown>) as unknown as RoleDescriptor);
    if (auth.apiKey) {
      const own = toDescriptors(auth.apiKey.roleDescriptors);
      const limits = toDescriptors(auth.apiKey.limitedBy);
      return own.length > 0 ? [own, limits] : [limits];
    }
    return [auth.user.roles.flatMap((name) => this.roles.get(name) ?? [])];
  }

  isAuthorized(auth: Authentication, action: string): boolean {
    if (auth.authenticatingSubject !== undefined && !this.isRunAsGranted(auth)) return false;
    return this.isActionAuthorized(auth, action);
  }

  /**
   * Whether the subject holds a named cluster privilege (or raw action pattern) in full: every
   * action pattern the privilege grants must be granted. Used by the has-privileges API.
   */
  hasClusterPrivilege(auth: Authentication, privilege: string): boolean {
    const definition = CLUSTER_PRIVILEGES[privilege];
    const patterns = definition ? definition.grants : [privilege];
    if (patterns.length === 0) return privilege === 'none' || this.holdsNamedPrivilege(auth, privilege);
    // A pattern is held when a sample action standing for "anything it matches" is authorized.
    return patterns.every((pattern) => this.isAuthorized(auth, pattern.replaceAll('*', '\u0000any')));
  }

  /** Whether a named privilege (or `all`) is literally among the subject's cluster privileges. */
  holdsNamedPrivilege(auth: Authentication, privilege: string): boolean {
    if (auth.authenticatingSubject !== undefined && !this.isRunAsGranted(auth)) return false;
    const holds = (names: string[]) => names.includes(privilege) || names.includes('all');
    if (auth.apiKey) {
      // An API key holds it when its own descriptors (if any) and its limits both do.
      const own = Object.values(auth.apiKey.roleDescriptors).flatMap((d) => d.cluster ?? []);
      const limits = Object.values(auth.apiKey.limitedBy).flatMap((d) => d.cluster ?? []);
      return (Object.keys(auth.apiKey.roleDescriptors).length === 0 || holds(own)) && holds(limits);
    }
    return holds(this.roles.resolve(auth.user.roles).cluster);
  }

  /**
   * Throws Elasticsearch's 403 unless the caller may run the cluster action: first, for run-as,
   * that the authenticating subject may run as the effective user; then the action itself.
   */
  authorize(auth: Authentication, action: string): void {
    this.authorizeRunAs(auth, action);
    if (!this.isActionAuthorized(auth, action)) throw authorizationError(this.actionDeniedMessage(auth, action));
  }

  /**
   * The run-as half of `authorize` alone, for handlers that let a user act on itself without
   * authorizing the action (e.g. changing one's own password): a no-op without run-as, else the
   * 403 runAsDenied unless the run-as is granted.
   */
  authorizeRunAs(auth: Authentication, action: string): void {
    if (auth.authenticatingSubject !== undefined && !this.isRunAsGranted(auth)) {
      throw authorizationError(this.runAsDeniedMessage(auth, action));
    }
  }

  /**
   * AuthorizationService.authorizeRunAs + RBACEngine.authorizeRunAs: a run-as user no realm knows
   * (no lookup realm) is refused; otherwise the authenticating subject's role must grant `run_as`
   * for the effective username (Role.checkRunAs). For an API key that is its own role descriptors
   * (when it has any) and the owner's descriptors it is limited by (LimitedRole.checkRunAs).
   */
  isRunAsGranted(auth: Authentication): boolean {
    const subject = auth.authenticatingSubject;
    if (subject === undefined) return true;
    if (auth.lookupRealm === undefined) return false;
    const username = auth.user.username;
    if (subject.apiKey) {
      const own = Object.values(subject.apiKey.roleDescriptors);
      const limits = Object.values(subject.apiKey.limitedBy);
      return (own.length === 0 || descriptorsGrantRunAs(own, username)) && descriptorsGrantRunAs(limits, username);
    }
    if (subject.subjectType !== 'user') return false;
    return this.runAsPredicate(subject.user.roles)(username);
  }

  /** Elasticsearch's AuthorizationDenialMessages text for a denied cluster action. */
  denialMessage(auth: Authentication, action: string): string {
    if (auth.authenticatingSubject !== undefined && !this.isRunAsGranted(auth)) return this.runAsDeniedMessage(auth, action);
    return this.actionDeniedMessage(auth, action);
  }

  private isActionAuthorized(auth: Authentication, action: string): boolean {
    if (SELF_ACTIONS.has(action)) return true;
    if (auth.apiKey) {
      // An API key may do what both its own descriptors (when it has any) and its limits allow.
      const own = Object.values(auth.apiKey.roleDescriptors);
      const limits = Object.values(auth.apiKey.limitedBy);
      return (own.length === 0 || descriptorsGrant(own, action)) && descriptorsGrant(limits, action);
    }
    return this.roles.grantsClusterAction(auth.user.roles, action);
  }

  /**
   * AuthorizationDenialMessages.actionDenied: "action [a] is unauthorized for <who>", where a
   * run-as names both users ("user [x] run as [y]") followed by the effective user's roles.
   */
  private actionDeniedMessage(auth: Authentication, action: string): string {
    let message = `action [${action}] is unauthorized for ${this.successfulAuthenticationDescription(auth)}`;
    const grantedBy = findPrivilegesThatGrant(action);
    if (grantedBy.length > 0) message += `, this action is granted by the cluster privileges [${grantedBy.join(',')}]`;
    return message;
  }

  /**
   * AuthorizationDenialMessages.runAsDenied: "action [a] is unauthorized for user [x] with
   * effective roles [r], because user [x] is unauthorized to run as [y]" (the roles are the
   * authenticating user's; an API key or service account has none to print).
   */
  private runAsDeniedMessage(auth: Authentication, action: string): string {
    const subject = auth.authenticatingSubject ?? auth;
    const userText = authenticatedUserDescription(subject);
    return (
      `action [${action}] is unauthorized for ${userText}${this.rolesDescription(subject)}, ` +
      `because ${userText} is unauthorized to run as [${auth.user.username}]`
    );
  }

  /** successfulAuthenticationDescription: who authenticated, whom it runs as, and the effective roles. */
  private successfulAuthenticationDescription(auth: Authentication): string {
    let text = authenticatedUserDescription(auth.authenticatingSubject ?? auth);
    if (auth.authenticatingSubject !== undefined) text += ` run as [${auth.user.username}]`;
    return text + this.rolesDescription(auth);
  }

  /** rolesDescription: a user's effective (found) roles, and the assigned ones that were not found. */
  private rolesDescription(subject: AuthenticatingSubject): string {
    // API keys and service accounts have privileges, not roles, to print.
    if (subject.subjectType !== 'user') return '';
    const resolved = this.roles.resolve(subject.user.roles);
    let text = ` with effective roles [${resolved.effective.join(',')}]`;
    if (resolved.missing.length > 0) text += ` (assigned roles [${resolved.missing.join(',')}] were not found)`;
    return text;
  }

  /** The union of the `run_as` lists of a user's roles, compiled once per resolved role set. */
  private runAsPredicate(roleNames: readonly string[]): RunAsPredicate {
    const resolved = this.roles.resolve(roleNames);
    let predicate = this.runAsByRoles.get(resolved);
    if (!predicate) {
      const patterns = resolved.effective.flatMap((name) => this.roles.get(name)?.run_as ?? []);
      predicate = compileRunAs(patterns);
      this.runAsByRoles.set(resolved, predicate);
    }
    return predicate;
  }
}

/**
 * authenticatedUserDescription: "user [x]" or "service account [x]" for the authenticating
 * subject, prefixed "API key id [k] of " when an API key authenticated.
 */
function authenticatedUserDescription(subject: AuthenticatingSubject): string {
  const text = `${subject.subjectType === 'service_account' ? 'service account' : 'user'} [${subject.user.username}]`;
  return subject.subjectType === 'api_key' ? `API key id [${subject.apiKey?.id ?? ''}] of ${text}` : text;
}

function descriptorsGrant(descriptors: ReadonlyArray<{ cluster?: string[] }>, action: string): boolean {
  return descriptors.some((d) => (d.cluster ?? []).some((p) => privilegeGrantsAction(p, action)));
}

function descriptorsGrantRunAs(descriptors: readonly ApiKeyRoleDescriptor[], username: string): boolean {
  return compileRunAs(descriptors.flatMap((d) => d.run_as ?? []))(username);
}

/**
 * RunAsPermission: Automatons.patterns over the `run_as` names, i.e. `*` and `?` wildcards or a
 * `/regex/`. No names grant nothing; a pattern that does not compile matches nothing.
 */
function compileRunAs(patterns: readonly string[]): RunAsPredicate {
  if (patterns.length === 0) return RUN_AS_NONE;
  if (patterns.includes('*')) return () => true;
  const regexes: RegExp[] = [];
  for (const pattern of patterns) {
    try {
      regexes.push(compilePattern(pattern));
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
    }
  }
  return (username) => regexes.some((regex) => regex.test(username));
}
