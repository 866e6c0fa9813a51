import { Actions } from '@/lib/security/actions';
import { isKnownClusterPrivilege, unknownClusterPrivilege } from '@/lib/security/privileges';
import { illegalArgument, validationError } from '@/lib/security/errors';
import type { RouteDefinition, RestContext } from '../types';
import { parseObject } from '../x-content';

const HAS_PRIVILEGES_FIELDS = {
  cluster: { kind: 'string_array' },
  index: { kind: 'object_or_array' },
  application: { kind: 'object_or_array' },
} as const;

/**
 * GET|POST /_security/user/_has_privileges: which of the named cluster privileges the caller
 * holds. Index and application privileges are not evaluated by this engine yet; asking for
 * them is refused with a clear error rather than answered wrongly.
 */
function hasPrivileges(ctx: RestContext) {
  const target = ctx.params.username;
  const { source, root } = ctx.requiredBody();
  const body = parseObject(source, root, 'has_privileges_request', HAS_PRIVILEGES_FIELDS);
  return () => {
    ctx.engine.authorization.authorize(ctx.caller, Actions.userHasPrivileges);
    if (target !== undefined && target !== ctx.caller.user.username) {
      throw illegalArgument(`users may only check the privileges of their own account`);
    }
    const cluster = (body.cluster as string[] | undefined) ?? [];
    const index = (body.index as unknown[] | undefined) ?? [];
    const application = (body.application as unknown[] | undefined) ?? [];
    if (cluster.length === 0 && index.length === 0 && application.length === 0) {
      throw validationError(['clusterPrivileges, indexPrivileges or applicationPrivileges must be specified']);
    }
    if (index.length > 0 || application.length > 0) {
      throw illegalArgument('this engine checks cluster privileges only; index and application privileges are not supported here');
    }
    const result: Record<string, boolean> = {};
    for (const privilege of cluster) {
      if (!isKnownClusterPrivilege(privilege)) throw unknownClusterPrivilege(privilege);
      result[privilege] = ctx.engine.authorization.hasClusterPrivilege(ctx.caller, privilege);
    }
    return {
      body: {
        username: ctx.caller.user.username,
        has_all_requested: Object.values(result).every(Boolean),
        cluster: result,
        index: {},
        application: {},
      },
    };
  };
}

export const userPrivilegeRoutes: RouteDefinition[] = [
  { methods: ['GET', 'POST'], path: '/_security/user/_has_privileges', handler: hasPrivileges },
  { methods: ['GET', 'POST'], path: '/_security/user/{username}/_has_privileges', handler: hasPrivileges },
];
