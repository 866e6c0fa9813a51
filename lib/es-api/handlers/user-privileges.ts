import { Actions } from '@/lib/security/actions';
import { isKnownClusterPrivilege, unknownClusterPrivilege } from '@/lib/security/privileges';
import { illegalArgument, validationError, EsError, type EsErrorCause } from '@/lib/security/errors';
import { rolesHavePrivileges, validatePrivilegesToCheck, type PrivilegesToCheck } from '@/lib/security/privilege-check';
import type { RouteDefinition, RestContext } from '../types';
import { parsePrivilegesToCheck, PrivilegesParseError } from '../privileges-check-parser';
import { tokenName } from '../x-content';

const NOTHING: PrivilegesToCheck = { cluster: [], index: [], application: [] };

/**
 * GET|POST /_security/user/_has_privileges (RestHasPrivilegesAction): which of the named
 * cluster, index and application privileges the caller holds, each answered on its own.
 */
function hasPrivileges(ctx: RestContext) {
  const target = ctx.params.username;
  const { source, root } = ctx.requiredBody();
  // RoleDescriptor.parsePrivilegesToCheck, named by the user being checked.
  const description = target ?? ctx.caller.user.username;
  let check: PrivilegesToCheck;
  try {
    if (root.type !== 'object') {
      throw new EsError(400, 'parse_exception', `failed to parse privileges check [${description}]. expected an object but found [${tokenName(root)}] instead`);
    }
    check = parsePrivilegesToCheck(source, root, description);
  } catch (error) {
    // Thrown as is here (the profile API wraps it in its own parser's error instead).
    if (error instanceof PrivilegesParseError) {
      const nested = (error.cause as { caused_by?: EsErrorCause }).caused_by;
      throw new EsError(400, error.cause.type, error.cause.reason, nested ? { causedBy: nested } : {});
    }
    throw error;
  }
  return () => {
    const problems = validatePrivilegesToCheck(check);
    if (problems.length > 0) throw validationError(problems);
    ctx.engine.authorization.authorize(ctx.caller, Actions.userHasPrivileges);
    if (target !== undefined && target !== ctx.caller.user.username) {
      throw illegalArgument('users may only check the privileges of their own account');
    }
    for (const privilege of check.cluster) {
      if (!isKnownClusterPrivilege(privilege)) throw unknownClusterPrivilege(privilege);
    }
    const roleSets = ctx.engine.authorization.effectiveRoleSets(ctx.caller);
    const holds = (one: Partial<PrivilegesToCheck>) => roleSets.every((roles) => rolesHavePrivileges(roles, { ...NOTHING, ...one }));
    let all = true;
    const answer = (granted: boolean) => {
      all &&= granted;
      return granted;
    };

    const cluster: Record<string, boolean> = {};
    for (const privilege of check.cluster) {
      // hasClusterPrivilege also knows the reserved roles' implied actions and API key limits.
      cluster[privilege] = answer(ctx.engine.authorization.hasClusterPrivilege(ctx.caller, privilege));
    }
    const index: Record<string, Record<string, boolean>> = {};
    for (const entry of check.index) {
      for (const name of entry.names) {
        const perIndex = (index[name] ??= {});
        for (const privilege of entry.privileges) {
          perIndex[privilege] = answer(holds({ index: [{ names: [name], privileges: [privilege], allowRestrictedIndices: entry.allowRestrictedIndices }] }));
        }
      }
    }
    const application: Record<string, Record<string, Record<string, boolean>>> = {};
    for (const entry of check.application) {
      const perApplication = (application[entry.application] ??= {});
      for (const resource of entry.resources) {
        const perResource = (perApplication[resource] ??= {});
        for (const privilege of entry.privileges) {
          perResource[privilege] = answer(holds({ application: [{ application: entry.application, privileges: [privilege], resources: [resource] }] }));
        }
      }
    }
    return { body: { username: ctx.caller.user.username, has_all_requested: all, cluster, index, application } };
  };
}

/**
 * GET /_security/user/_privileges (RestGetUserPrivilegesAction): the caller's own privileges,
 * merged over its roles. Every authenticated user may ask for their own, as in Elasticsearch.
 */
function getUserPrivileges(ctx: RestContext) {
  return () => {
    const { caller, engine } = ctx;
    // Every user may list their own privileges; under run-as, only if the run-as is granted.
    engine.authorization.authorize(caller, Actions.userListPrivileges);
    if (caller.apiKey && Object.keys(caller.apiKey.roleDescriptors).length > 0) {
      // RBACEngine.getUserPrivileges cannot describe a limited role.
      throw illegalArgument(
        'Cannot retrieve privileges for API keys with assigned role descriptors. Please use the Get API key information API https://ela.st/es-api-get-api-key',
      );
    }
    const roles = engine.authorization.effectiveRoleSets(caller)[0];
    const indices = roles.flatMap((role) =>
      role.indices.map((entry) => ({
        names: [...entry.names].sort(),
        privileges: [...entry.privileges].sort(),
        ...(entry.field_security ? { field_security: [entry.field_security] } : {}),
        ...(entry.query !== undefined ? { query: [entry.query] } : {}),
        allow_restricted_indices: entry.allow_restricted_indices === true,
      })),
    );
    return {
      body: {
        cluster: [...new Set(roles.flatMap((role) => role.cluster))].sort(),
        global: roles.flatMap((role) => (role.global ? [role.global] : [])),
        indices,
        applications: roles.flatMap((role) => role.applications),
        run_as: [...new Set(roles.flatMap((role) => role.run_as))].sort(),
      },
    };
  };
}

export const userPrivilegeRoutes: RouteDefinition[] = [
  { methods: ['GET'], path: '/_security/user/_privileges', handler: getUserPrivileges },
  { methods: ['GET', 'POST'], path: '/_security/user/_has_privileges', handler: hasPrivileges },
  { methods: ['GET', 'POST'], path: '/_security/user/{username}/_has_privileges', handler: hasPrivileges },
];
