import type { Authentication } from './authentication';
import type { RoleService } from './roles';
import { authorizationError } from './errors';
import { CLUSTER_PRIVILEGES, findPrivilegesThatGrant, privilegeGrantsAction } from './privileges';
import { Actions } from './actions';

/** Actions every authenticated user may run on themselves, whatever their roles. */
const SELF_ACTIONS: ReadonlySet<string> = new Set([Actions.userAuthenticate, Actions.userHasPrivileges]);

export class AuthorizationService {
  constructor(private readonly roles: RoleService) {}

  isAuthorized(auth: Authentication, action: string): boolean {
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
    const holds = (names: string[]) => names.includes(privilege) || names.includes('all');
    if (auth.apiKey) {
      // An API key holds it when its own descriptors (if any) and its limits both do.
      const own = Object.values(auth.apiKey.roleDescriptors).flatMap((d) => d.cluster ?? []);
      const limits = Object.values(auth.apiKey.limitedBy).flatMap((d) => d.cluster ?? []);
      return (Object.keys(auth.apiKey.roleDescriptors).length === 0 || holds(own)) && holds(limits);
    }
    return holds(this.roles.resolve(auth.user.roles).cluster);
  }

  /** Throws Elasticsearch's 403 unless the caller's roles grant the cluster action. */
  authorize(auth: Authentication, action: string): void {
    if (!this.isAuthorized(auth, action)) throw authorizationError(this.denialMessage(auth, action));
  }

  /** Elasticsearch's AuthorizationDenialMessages text for a denied cluster action. */
  denialMessage(auth: Authentication, action: string): string {
    let message = `action [${action}] is unauthorized for ${this.describeSubject(auth)}`;
    const grantedBy = findPrivilegesThatGrant(action);
    if (grantedBy.length > 0) message += `, this action is granted by the cluster privileges [${grantedBy.join(',')}]`;
    return message;
  }

  private describeSubject(auth: Authentication): string {
    if (auth.subjectType === 'api_key') {
      return `API key id [${auth.apiKey?.id ?? ''}] of user [${auth.user.username}]`;
    }
    if (auth.subjectType === 'service_account') return `service account [${auth.user.username}]`;
    const resolved = this.roles.resolve(auth.user.roles);
    let text = `user [${auth.user.username}] with effective roles [${resolved.effective.join(',')}]`;
    if (resolved.missing.length > 0) text += ` (assigned roles [${resolved.missing.join(',')}] were not found)`;
    return text;
  }
}

function descriptorsGrant(descriptors: ReadonlyArray<{ cluster?: string[] }>, action: string): boolean {
  return descriptors.some((d) => (d.cluster ?? []).some((p) => privilegeGrantsAction(p, action)));
}
