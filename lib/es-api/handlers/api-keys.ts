import { Actions } from '@/lib/security/actions';
import { effectiveRealm, type Authentication } from '@/lib/security/authentication';
import { authorizationError, validationError } from '@/lib/security/errors';
import { parseTimeValue } from '@/lib/security/time-value';
import type { ApiKeyFilter } from '@/lib/security/api-key-service';
import type { RouteDefinition, RestContext } from '../types';
import { objectEntries, parseObject } from '../x-content';
import { parseRoleDescriptor } from '../role-descriptor-parser';
import { readBooleanParam, readRefresh } from '../params';

const CREATE_FIELDS = {
  name: { kind: 'string' },
  role_descriptors: { kind: 'object' },
  expiration: { kind: 'string_or_null' },
  metadata: { kind: 'object' },
} as const;

function createApiKey(ctx: RestContext) {
  readRefresh(ctx);
  const { source, root } = ctx.requiredBody();
  const body = parseObject(source, root, 'api_key_request', CREATE_FIELDS, ['name']);
  // Each role descriptor is read as RoleDescriptor.parse reads a role (named objects).
  const descriptorsNode = objectEntries(root).find((entry) => entry.name === 'role_descriptors')?.valueNode;
  const roleDescriptors = Object.fromEntries(
    descriptorsNode ? objectEntries(descriptorsNode).map(({ name, valueNode }) => [name, parseRoleDescriptor(source, name, valueNode)]) : [],
  );
  const expiration = typeof body.expiration === 'string' ? parseTimeValue(body.expiration, 'expiration') : undefined;
  return () => {
    // manage_own_api_key lets anyone create keys for themselves (ManageOwnApiKeyClusterPrivilege).
    if (!ctx.engine.authorization.holdsNamedPrivilege(ctx.caller, 'manage_own_api_key')) {
      ctx.engine.authorization.authorize(ctx.caller, Actions.apiKeyCreate);
    }
    const created = ctx.engine.apiKeys.create(ctx.caller, {
      name: body.name as string,
      expirationMs: expiration,
      roleDescriptors,
      metadata: (body.metadata as Record<string, unknown> | undefined) ?? {},
    });
    return { body: created };
  };
}

/** The owner filter of the caller itself (for `owner=true` and manage_own_api_key). */
function ownFilter(caller: Authentication): ApiKeyFilter {
  const realm = caller.apiKey?.ownerRealm ?? effectiveRealm(caller) ?? caller.authenticatingRealm;
  return { username: caller.user.username, realmName: realm.name };
}

/**
 * Authorizes a get/invalidate request. With manage_api_key (or more) any request is allowed.
 * With only manage_own_api_key (ManageOwnApiKeyClusterPrivilege) the request must name the
 * caller as owner: owner=true, or both its username and realm_name, or, from an API key, its
 * own id; anything else is refused with the 403. Owned requests are confined to own keys.
 */
function authorizeOwnership(ctx: RestContext, action: string, filter: ApiKeyFilter, owner: boolean): ApiKeyFilter {
  const { engine, caller } = ctx;
  const full = engine.authorization.isAuthorized(caller, action);
  const own = ownFilter(caller);
  if (full) return owner ? { ...filter, ...own } : filter;
  const selfKey = caller.apiKey !== undefined && filter.ids?.length === 1 && filter.ids[0] === caller.apiKey.id;
  const mayManageOwn = engine.authorization.holdsNamedPrivilege(caller, 'manage_own_api_key');
  const namesSelf = filter.username === own.username && filter.realmName === own.realmName;
  if (selfKey) return { ...filter, ...own };
  if (mayManageOwn && (owner || namesSelf)) return { ...filter, ...own };
  engine.authorization.authorize(caller, action);
  return filter;
}

function getApiKeys(ctx: RestContext) {
  const id = ctx.param('id');
  const name = ctx.param('name');
  const username = ctx.param('username');
  const realmName = ctx.param('realm_name');
  const owner = readBooleanParam(ctx, 'owner', false);
  const withLimitedBy = readBooleanParam(ctx, 'with_limited_by', false);
  const activeOnly = readBooleanParam(ctx, 'active_only', false);
  const withProfileUid = readBooleanParam(ctx, 'with_profile_uid', false);
  return () => {
    const problems: string[] = [];
    if (owner && (username || realmName)) problems.push('username or realm name must not be specified when retrieving owned API keys');
    if (id && name) problems.push('only one of [api key id, api key name] can be specified');
    if (problems.length > 0) throw validationError(problems);
    const filter = authorizeOwnership(
      ctx,
      Actions.apiKeyGet,
      { ids: id ? [id] : undefined, name: name || undefined, username: username || undefined, realmName: realmName || undefined },
      owner,
    );
    // Limited-by descriptors are for manage_api_key holders only.
    if (withLimitedBy && !ctx.engine.authorization.isAuthorized(ctx.caller, Actions.apiKeyGet)) {
      throw authorizationError(ctx.engine.authorization.denialMessage(ctx.caller, Actions.apiKeyGet));
    }
    const keys = ctx.engine.apiKeys.find(filter, { activeOnly });
    return {
      body: {
        api_keys: keys.map((k) =>
          ctx.engine.apiKeys.view(k, {
            withLimitedBy,
            profileUid: withProfileUid ? ctx.engine.profiles.profileUidForRealmUser(k.username, k.realmType, k.realmName) : undefined,
          }),
        ),
      },
    };
  };
}

const INVALIDATE_FIELDS = {
  id: { kind: 'string' },
  ids: { kind: 'string_array' },
  name: { kind: 'string' },
  username: { kind: 'string' },
  realm_name: { kind: 'string' },
  owner: { kind: 'boolean' },
} as const;

function invalidateApiKeys(ctx: RestContext) {
  const { source, root } = ctx.requiredBody();
  const body = parseObject(source, root, 'invalidate_api_key', INVALIDATE_FIELDS) as {
    id?: string;
    ids?: string[];
    name?: string;
    username?: string;
    realm_name?: string;
    owner?: boolean;
  };
  return () => {
    const ids = body.ids ?? (body.id !== undefined ? [body.id] : undefined);
    const owner = body.owner === true;
    const problems: string[] = [];
    if (!(body.realm_name || body.username || ids !== undefined || body.name || owner)) {
      problems.push('One of [api key id(s), api key name, username, realm name] must be specified if [owner] flag is false');
    }
    if (ids !== undefined) {
      if (ids.length === 0) problems.push('Field [ids] cannot be an empty array');
      else {
        const blanks = ids.flatMap((i, index) => (i.trim() === '' ? [index] : []));
        if (blanks.length === 1) problems.push(`Field [ids] must not contain blank id, but got blank id at index position: [${blanks[0]}]`);
        if (blanks.length > 1) problems.push(`Field [ids] must not contain blank id, but got blank ids at index positions: [${blanks.join(', ')}]`);
      }
      if (body.name) problems.push('only one of [api key id(s), api key name] can be specified');
    }
    if (owner && (body.realm_name || body.username)) {
      problems.push('username or realm name must not be specified when invalidating owned API keys');
    }
    if (problems.length > 0) throw validationError(problems);
    const filter = authorizeOwnership(ctx, Actions.apiKeyInvalidate, { ids, name: body.name, username: body.username, realmName: body.realm_name }, owner);
    const result = ctx.engine.apiKeys.invalidate(filter);
    return {
      body: {
        invalidated_api_keys: result.invalidated,
        previously_invalidated_api_keys: result.previouslyInvalidated,
        error_count: 0,
      },
    };
  };
}

export const apiKeyRoutes: RouteDefinition[] = [
  { methods: ['PUT', 'POST'], path: '/_security/api_key', handler: createApiKey },
  { methods: ['GET'], path: '/_security/api_key', handler: getApiKeys },
  { methods: ['DELETE'], path: '/_security/api_key', handler: invalidateApiKeys },
];
