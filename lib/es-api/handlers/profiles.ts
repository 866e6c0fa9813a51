import { Actions } from '@/lib/security/actions';
import { validationError } from '@/lib/security/errors';
import { validateGrant, type Grant } from '@/lib/security/grant';
import type { RouteDefinition, RestContext } from '../types';
import { parseObject } from '../x-content';
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
  const { source, root } = ctx.requiredBody();
  const grant = parseObject(source, root, 'activate_profile_request', ACTIVATE_FIELDS) as Grant;
  return async () => {
    // Validation runs before authorization (TransportAction.handleExecution), then the grant.
    const problems = validateGrant(grant);
    if (problems.length > 0) throw validationError(problems);
    ctx.engine.authorization.authorize(ctx.caller, Actions.profileActivate);
    const subject = await ctx.engine.grants.authenticate(grant, Actions.profileActivate);
    return { body: ctx.engine.profiles.activate(subject) };
  };
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

export const profileRoutes: RouteDefinition[] = [
  { methods: ['POST'], path: '/_security/profile/_activate', handler: activate },
  { methods: ['GET'], path: '/_security/profile/{uid}', handler: getProfiles },
  { methods: ['PUT', 'POST'], path: '/_security/profile/{uid}/_enable', handler: setEnabled(true) },
  { methods: ['PUT', 'POST'], path: '/_security/profile/{uid}/_disable', handler: setEnabled(false) },
];
