import { Actions } from '@/lib/security/actions';
import type { Authentication } from '@/lib/security/authentication';
import { EsError, illegalArgument, validationError } from '@/lib/security/errors';
import { validateGrant, type Grant } from '@/lib/security/grant';
import { authorizeGrantAuthentication } from '@/lib/security/grant-authentication';
import { validateUpdateProfileData } from '@/lib/security/profile-data';
import type { ProfileView } from '@/lib/security/profiles';
import { validateSuggestRequest, type SuggestHint, type SuggestRequest } from '@/lib/security/profile-suggest';
import { validatePrivilegesToCheck, type PrivilegesToCheck } from '@/lib/security/privilege-check';
import type { RoleDescriptor } from '@/lib/security/roles';
import type { RouteDefinition, RestContext } from '../types';
import { objectEntries, parseBodyObject, parseObject } from '../x-content';
import { parseException } from '../manual-parser';
import { parsePrivilegesToCheck, PrivilegesParseError } from '../privileges-check-parser';
import { readRefresh, splitList } from '../params';

/** The activate body, declared like RestActivateProfileAction's ObjectParser. */
const ACTIVATE_FIELDS = {
  grant_type: { kind: 'string' },
  username: { kind: 'string' },
  password: { kind: 'string' },
  access_token: { kind: 'string' },
  client_authentication: {
    kind: { parser: 'client_authentication', fields: { scheme: { kind: 'string' }, value: { kind: 'string' } } },
    required: ['scheme', 'value'],
  },
} as const;

function activate(ctx: RestContext) {
  const grant = parseBodyObject(ctx.requiredBody(), 'activate_profile_request', ACTIVATE_FIELDS) as Grant;
  return () => {
    // Validation runs before authorization (TransportAction.handleExecution), then the grant.
    const problems = validateGrant(grant);
    if (problems.length > 0) throw validationError(problems);
    ctx.engine.authorization.authorize(ctx.caller, Actions.profileActivate);
    const subject = ctx.engine.grants.authenticate(grant, Actions.profileActivate);
    const finish = (auth: Authentication) => {
      // TransportGrantAction: a run-as grant authentication (e.g. a token created under run-as)
      // is authorized before use; the profile is then the effective (run-as) user's.
      authorizeGrantAuthentication(auth, grant, ctx.engine.authorization);
      const view = ctx.engine.profiles.activate(auth);
      return { body: view, json: serializedView(view) };
    };
    // A cached grant is answered synchronously; a first-time password pays bcrypt asynchronously.
    return subject instanceof Promise ? subject.then(finish) : finish(subject);
  };
}

/**
 * Compact JSON of each profile view, kept while the view object lives: re-activations within the
 * grace period get the same view object back (ProfileService.activate) and skip serializing it.
 */
const serializedViews = new WeakMap<ProfileView, string>();

function serializedView(view: ProfileView): string {
  let json = serializedViews.get(view);
  if (json === undefined) {
    json = JSON.stringify(view);
    serializedViews.set(view, json);
  }
  return json;
}

function getProfiles(ctx: RestContext) {
  const uids = splitList(ctx.params.uid);
  const data = splitList(ctx.param('data'));
  return () => {
    ctx.engine.authorization.authorize(ctx.caller, Actions.profileGet);
    return { body: ctx.engine.profiles.getProfiles(uids, data) };
  };
}

function setEnabled(enabled: boolean) {
  return (ctx: RestContext) => {
    readRefresh(ctx);
    const uid = ctx.params.uid;
    return () => {
      ctx.engine.authorization.authorize(ctx.caller, Actions.profileSetEnabled);
      ctx.engine.profiles.setEnabled(uid, enabled);
      return { body: { acknowledged: true } };
    };
  };
}

// ---------------------------------------------------------------------------------------------
// Update profile data: PUT|POST /_security/profile/{uid}/_data (RestUpdateProfileDataAction)

const UPDATE_DATA_FIELDS = {
  labels: { kind: 'object' },
  data: { kind: 'object' },
} as const;

const JAVA_LONG_MIN = -(2n ** 63n);
const JAVA_LONG_MAX = 2n ** 63n - 1n;

/** RestRequest.paramAsLong: Long.parseLong, else "Failed to parse long parameter [x] with value [v]". */
function readLongParam(ctx: RestContext, name: string, fallback: number): number {
  const value = ctx.param(name);
  if (value === undefined) return fallback;
  let parsed: bigint | undefined;
  if (/^[+-]?\d+$/.test(value)) {
    parsed = BigInt(value);
    if (parsed < JAVA_LONG_MIN || parsed > JAVA_LONG_MAX) parsed = undefined;
  }
  if (parsed === undefined) {
    throw new EsError(400, 'illegal_argument_exception', `Failed to parse long parameter [${name}] with value [${value}]`, {
      causedBy: { type: 'number_format_exception', reason: `For input string: "${value}"` },
    });
  }
  return Number(parsed);
}

function updateData(ctx: RestContext) {
  const uid = ctx.params.uid;
  const ifPrimaryTerm = readLongParam(ctx, 'if_primary_term', -1);
  const ifSeqNo = readLongParam(ctx, 'if_seq_no', -1);
  readRefresh(ctx);
  const { source, root } = ctx.requiredBody();
  const body = parseObject(source, root, 'update_profile_data_request_payload', UPDATE_DATA_FIELDS);
  const input = {
    labels: body.labels as Record<string, unknown> | undefined,
    data: body.data as Record<string, unknown> | undefined,
  };
  return () => {
    // Request validation runs before authorization (TransportAction.handleExecution).
    const problems = validateUpdateProfileData(input);
    if (problems.length > 0) throw validationError(problems);
    ctx.engine.authorization.authorize(ctx.caller, Actions.profilePutData);
    ctx.engine.profiles.updateData(uid, input, { ifSeqNo, ifPrimaryTerm });
    return { body: { acknowledged: true } };
  };
}

// ---------------------------------------------------------------------------------------------
// Suggest: GET|POST /_security/profile/_suggest (RestSuggestProfilesAction)

const SUGGEST_FIELDS = {
  name: { kind: 'string' },
  size: { kind: 'long' },
  hint: {
    kind: {
      parser: 'suggest_profile_request_payload_hint',
      fields: { uids: { kind: 'string_array' }, labels: { kind: 'object' } },
    },
  },
  data: { kind: 'string' },
} as const;

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** SuggestProfilesRequest.Hint's conversion of the labels map: string or list of strings. */
function hintLabels(labels: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value === 'string') {
      out[key] = [value];
    } else if (Array.isArray(value)) {
      if (!value.every((v) => typeof v === 'string')) {
        throw parseException('[labels] hint supports either string value or list of strings');
      }
      out[key] = value as string[];
    } else {
      throw parseException('[labels] hint supports either string or list of strings as its value');
    }
  }
  return out;
}

function suggest(ctx: RestContext) {
  const parsedBody = ctx.body();
  let payload: Record<string, unknown> = {};
  if (parsedBody) {
    const { source, root } = parsedBody;
    payload = parseObject(source, root, 'suggest_profile_request_payload', SUGGEST_FIELDS);
    const size = payload.size as number | undefined;
    if (size !== undefined && (size < INT_MIN || size > INT_MAX)) {
      const node = objectEntries(root).find((e) => e.name === 'size')!.valueNode;
      throw source.parseError(node.offset, '[suggest_profile_request_payload] failed to parse field [size]', {
        type: 'input_coercion_exception',
        reason: `Numeric value (${String(node.value)}) out of range of int (${INT_MIN} - ${INT_MAX})`,
      });
    }
  }
  const dataParam = ctx.param('data');
  if (dataParam !== undefined && payload.data !== undefined) {
    throw illegalArgument('The [data] parameter must be specified in either request body or as query parameter, but not both');
  }
  const rawHint = payload.hint as { uids?: string[]; labels?: Record<string, unknown> } | undefined;
  let hint: SuggestHint | undefined;
  if (rawHint) {
    hint = {};
    if (rawHint.uids !== undefined) hint.uids = rawHint.uids;
    if (rawHint.labels !== undefined) hint.labels = hintLabels(rawHint.labels);
  }
  const request: SuggestRequest = {
    name: (payload.name as string | undefined) ?? '',
    size: (payload.size as number | undefined) ?? 10,
    dataKeys: splitList(dataParam ?? (payload.data as string | undefined)),
    hint,
  };
  return () => {
    const problems = validateSuggestRequest(request);
    if (problems.length > 0) throw validationError(problems);
    ctx.engine.authorization.authorize(ctx.caller, Actions.profileSuggest);
    return { body: ctx.engine.profiles.suggest(request) };
  };
}

// ---------------------------------------------------------------------------------------------
// Has privileges: GET|POST /_security/profile/_has_privileges (RestProfileHasPrivilegesAction)

const HAS_PRIVILEGES_PARSER = 'profile_has_privileges_request';

function hasPrivileges(ctx: RestContext) {
  const parsedBody = ctx.body();
  if (!parsedBody) throw new EsError(400, 'parse_exception', 'request body or source parameter is required');
  const { source, root } = parsedBody;
  const body = parseObject(source, root, HAS_PRIVILEGES_PARSER, {
    uids: { kind: 'string_array' },
    privileges: { kind: 'object' },
  });
  let check: PrivilegesToCheck | undefined;
  const privilegesNode = objectEntries(root).find((e) => e.name === 'privileges')?.valueNode;
  if (privilegesNode) {
    try {
      check = parsePrivilegesToCheck(source, privilegesNode, HAS_PRIVILEGES_PARSER);
    } catch (error) {
      if (!(error instanceof PrivilegesParseError)) throw error;
      throw source.parseError(error.node.offset, `[${HAS_PRIVILEGES_PARSER}] failed to parse field [privileges]`, error.cause);
    }
  }
  const missing = [body.uids === undefined ? 'uids' : undefined, check === undefined ? 'privileges' : undefined].filter(Boolean);
  if (missing.length > 0) throw illegalArgument(`Required [${missing.join(', ')}]`);
  const uids = body.uids as string[];
  const toCheck = check as PrivilegesToCheck;
  return () => {
    // ProfileHasPrivilegesRequest.validate, before authorization.
    const problems: string[] = [];
    if (uids.length === 0) problems.push('profile uids list must not be empty');
    problems.push(...validatePrivilegesToCheck(toCheck));
    if (problems.length > 0) throw validationError(problems);
    ctx.engine.authorization.authorize(ctx.caller, Actions.profileHasPrivileges);
    const resolveRoles = (names: readonly string[]): RoleDescriptor[] =>
      names.flatMap((name) => {
        const role = ctx.engine.roles.get(name);
        return role ? [role] : [];
      });
    return { body: ctx.engine.profiles.hasPrivileges(uids, toCheck, resolveRoles) };
  };
}

export const profileRoutes: RouteDefinition[] = [
  { methods: ['POST'], path: '/_security/profile/_activate', handler: activate },
  { methods: ['GET', 'POST'], path: '/_security/profile/_suggest', handler: suggest },
  { methods: ['GET', 'POST'], path: '/_security/profile/_has_privileges', handler: hasPrivileges },
  { methods: ['GET'], path: '/_security/profile/{uid}', handler: getProfiles },
  { methods: ['PUT', 'POST'], path: '/_security/profile/{uid}/_enable', handler: setEnabled(true) },
  { methods: ['PUT', 'POST'], path: '/_security/profile/{uid}/_disable', handler: setEnabled(false) },
  { methods: ['PUT', 'POST'], path: '/_security/profile/{uid}/_data', handler: updateData },
];
