import { Actions } from '@/lib/security/actions';
import type { Authentication } from '@/lib/security/authentication';
import { validationError } from '@/lib/security/errors';
import { parseTimeValue } from '@/lib/security/time-value';
import type { ApiKeyFilter } from '@/lib/store/api-keys-store';
import type { RouteDefinition, RestContext } from '../types';
import { parseObject } from '../x-content';
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
  const expiration = typeof body.expiration === 'string' ? parseTimeValue(body.expiration, 'expiration') : undefined;
  return () => {
    ctx.engine.authorization.authorize(ctx.caller, Actions.apiKeyCreate);
    const created = ctx.engine.apiKeys.create(ctx.caller, {
      name: body.name as string,
      expirationMs: expiration,
      roleDescriptors: (body.role_descriptors as Record<string, { cluster?: string[] }> | undefined) ?? {},
      metadata: (body.metadata as Record<string, unknown> | undefined) ?? {},
    });
    return { body: created };
  };
}

/** The owner filter of the caller itself (for `owner=true` and manage_own_api_key). */
function ownFilter(caller: Authentication): ApiKeyFilter {
  const realm = caller.apiKey?.ownerRealm ?? caller.authenticatingRealm;
  return { username: caller.user.username, realmName: realm.name };
}

/**
 * Narrows a get/invalidate request to what the caller may touch. With manage_api_key (or more)
 * anything; with only manage_own_api_key the caller's own keys; an API key without the
 * privilege only itself. Anyone else gets the 403.
 */
function confine(ctx: RestContext, action: string, filter: ApiKeyFilter, owner: boolean): ApiKeyFilter {
  const { engine, caller } = ctx;
  const full = engine.authorization.isAuthorized(caller, action);
  if (full && !owner) return filter;
  const own = ownFilter(caller);
  if (caller.apiKey && !full) {
    const ids = (filter.ids ?? [caller.apiKey.id]).filter((id) => id === caller.apiKey?.id);
    return { ...filter, ...own, ids: ids.length > 0 ? ids : ['\u0000none'] };
  }
  const mayManageOwn = full || engine.roles.resolve(caller.user.roles).cluster.includes('manage_own_api_key');
  const asksForOthers =
    (filter.username !== undefined && filter.username !== own.username) ||
    (filter.realmName !== undefined && filter.realmName !== own.realmName);
  if (!mayManageOwn || (asksForOthers && !full)) engine.authorization.authorize(caller, action);
  return { ...filter, ...own };
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
    const filter = confine(ctx, Actions.apiKeyGet, { ids: id ? [id] : undefined, name: name || undefined, username: username || undefined, realmName: realmName || undefined }, owner);
    const keys = ctx.engine.apiKeys.find(filter, { activeOnly });
    const profiles = ctx.engine.profiles as unknown as { uidForUser?: (u: string, t: string, n: string) => string | undefined };
    return {
      body: {
        api_keys: keys.map((k) =>
          ctx.engine.apiKeys.view(k, {
            withLimitedBy,
            profileUid: withProfileUid ? profiles.uidForUser?.(k.username, k.realmType, k.realmName) : undefined,
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
        const blank = ids.findIndex((i) => i.trim() === '');
        if (blank >= 0) problems.push(`Field [ids] must not contain blank id, but got blank id at index position: [${blank}]`);
      }
      if (body.name) problems.push('only one of [api key id(s), api key name] can be specified');
    }
    if (owner && (body.realm_name || body.username)) {
      problems.push('username or realm name must not be specified when invalidating owned API keys');
    }
    if (problems.length > 0) throw validationError(problems);
    const filter = confine(ctx, Actions.apiKeyInvalidate, { ids, name: body.name, username: body.username, realmName: body.realm_name }, owner);
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
