import { Actions } from '@/lib/security/actions';
import { effectiveRealm } from '@/lib/security/authentication';
import type { RouteDefinition, RestContext } from '../types';
import { parseManual } from '../manual-parser';
import { readBooleanParam, readRefresh, splitList } from '../params';

const PUT_USER_FIELDS = {
  password: 'string',
  password_hash: 'string',
  roles: 'string_array',
  full_name: 'nullable_string',
  email: 'nullable_string',
  metadata: 'object',
  enabled: 'boolean',
} as const;

function putUser(ctx: RestContext) {
  readRefresh(ctx);
  const username = ctx.params.username;
  const { source, root } = ctx.requiredBody();
  const body = parseManual(source, root, PUT_USER_FIELDS, (f) => `failed to parse add user request. unexpected field [${f}]`);
  return async () => {
    ctx.engine.authorization.authorize(ctx.caller, Actions.userPut);
    const result = await ctx.engine.users.put(username, {
      password: body.password as string | undefined,
      passwordHash: body.password_hash as string | undefined,
      roles: body.roles as string[] | undefined,
      fullName: body.full_name as string | null | undefined,
      email: body.email as string | null | undefined,
      metadata: body.metadata as Record<string, unknown> | undefined,
      enabled: body.enabled as boolean | undefined,
    });
    return { body: { created: result.created } };
  };
}

function getUsers(ctx: RestContext) {
  const names = splitList(ctx.params.username);
  const withProfileUid = readBooleanParam(ctx, 'with_profile_uid', false);
  return () => {
    ctx.engine.authorization.authorize(ctx.caller, Actions.userGet);
    const users = ctx.engine.users.list(names.length > 0 ? names : undefined);
    const body = Object.fromEntries(
      users.map((u) => {
        // with_profile_uid: `profile_uid` is appended when the user has a profile.
        const profileUid = withProfileUid ? ctx.engine.profiles.profileUidForUser(u.username) : undefined;
        const view = ctx.engine.users.view(u);
        return [u.username, profileUid === undefined ? view : { ...view, profile_uid: profileUid }];
      }),
    );
    // Naming users that do not exist gives 404 with an empty object, as in Elasticsearch.
    return { status: names.length > 0 && users.length === 0 ? 404 : 200, body };
  };
}

function deleteUser(ctx: RestContext) {
  readRefresh(ctx);
  const username = ctx.params.username;
  return () => {
    ctx.engine.authorization.authorize(ctx.caller, Actions.userDelete);
    const found = ctx.engine.users.delete(username);
    return { status: found ? 200 : 404, body: { found } };
  };
}

function changePassword(ctx: RestContext) {
  readRefresh(ctx);
  const username = ctx.params.username ?? ctx.caller.user.username;
  const { source, root } = ctx.requiredBody();
  const body = parseManual(
    source,
    root,
    { password: 'string', password_hash: 'string' },
    (f) => `failed to parse change password request. unexpected field [${f}]`,
  );
  return async () => {
    // Run-as is authorized before anything else (AuthorizationService.maybeAuthorizeRunAs), so
    // the self-service rule below cannot be reached by naming another user in the header.
    ctx.engine.authorization.authorizeRunAs(ctx.caller, Actions.userChangePassword);
    // Users may always change their own password (native and reserved realms); under run-as the
    // run-as user's realm counts (RBACEngine.checkChangePasswordAction).
    const realm = effectiveRealm(ctx.caller);
    const self =
      username === ctx.caller.user.username &&
      ctx.caller.subjectType === 'user' &&
      realm !== undefined &&
      ['native', 'reserved'].includes(realm.type);
    if (!self) ctx.engine.authorization.authorize(ctx.caller, Actions.userChangePassword);
    await ctx.engine.users.changePassword(username, {
      password: body.password as string | undefined,
      passwordHash: body.password_hash as string | undefined,
    });
    return { body: {} };
  };
}

function setEnabled(enabled: boolean) {
  return (ctx: RestContext) => {
    readRefresh(ctx);
    const username = ctx.params.username;
    return () => {
      ctx.engine.authorization.authorize(ctx.caller, Actions.userSetEnabled);
      ctx.engine.users.setEnabled(username, enabled, ctx.caller.user.username);
      return { body: {} };
    };
  };
}

export const userRoutes: RouteDefinition[] = [
  { methods: ['GET'], path: '/_security/user', handler: getUsers },
  { methods: ['GET'], path: '/_security/user/{username}', handler: getUsers },
  { methods: ['PUT', 'POST'], path: '/_security/user/{username}', handler: putUser },
  { methods: ['DELETE'], path: '/_security/user/{username}', handler: deleteUser },
  { methods: ['PUT', 'POST'], path: '/_security/user/_password', handler: changePassword },
  { methods: ['PUT', 'POST'], path: '/_security/user/{username}/_password', handler: changePassword },
  { methods: ['PUT', 'POST'], path: '/_security/user/{username}/_enable', handler: setEnabled(true) },
  { methods: ['PUT', 'POST'], path: '/_security/user/{username}/_disable', handler: setEnabled(false) },
];
