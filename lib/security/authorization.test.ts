import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecurityEngine } from './engine';
import { EsError } from './errors';
import { Actions } from './actions';
import { runAs, type ApiKeyRoleDescriptor, type Authentication } from './authentication';
import { RESOLVED_ROLES_CACHE_MAX, type RoleDescriptor } from './roles';
import { findPrivilegesThatGrant } from './privileges';

const ACTIVATE = 'cluster:admin/xpack/security/profile/activate';
const GRANTED_BY = 'this action is granted by the cluster privileges [manage_user_profile,manage_security,all]';

let dataDir: string;
let engine: SecurityEngine;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-authz-test-'));
  engine = await SecurityEngine.open({ dataDir, nodeName: 'node-1', elasticPassword: 'elastic-pw', announce: () => undefined });
});
afterAll(() => {
  engine.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function user(username: string, roles: string[]): Authentication {
  return {
    user: { username, roles, fullName: null, email: null, metadata: {}, enabled: true },
    authenticatingRealm: { name: 'default_native', type: 'native', nodeName: 'node-1' },
    authenticationType: 'realm',
    subjectType: 'user',
  };
}

function apiKey(
  limitedBy: Record<string, ApiKeyRoleDescriptor>,
  roleDescriptors: Record<string, ApiKeyRoleDescriptor> = {},
): Authentication {
  return {
    ...user('bob', ['viewer']),
    authenticatingRealm: { name: '_es_api_key', type: '_es_api_key', nodeName: 'node-1' },
    authenticationType: 'api_key',
    subjectType: 'api_key',
    apiKey: { id: 'abc123', name: 'my-key', roleDescriptors, limitedBy, ownerRealm: { name: 'default_native', type: 'native' } },
  };
}

function role(cluster: string[]): RoleDescriptor {
  return { cluster, indices: [], applications: [], run_as: [], metadata: {}, transient_metadata: { enabled: true } };
}

function denial(auth: Authentication, action: string): EsError {
  try {
    engine.authorization.authorize(auth, action);
  } catch (error) {
    expect(error).toBeInstanceOf(EsError);
    return error as EsError;
  }
  throw new Error(`expected ${action} to be denied`);
}

describe('the 403 message (compatibility notes §2.3)', () => {
  it('is exactly Elasticsearch\'s text for a user with an insufficient role', () => {
    const error = denial(user('bob', ['viewer']), ACTIVATE);
    expect(error.status).toBe(403);
    expect(error.type).toBe('security_exception');
    expect(error.reason).toBe(
      'action [cluster:admin/xpack/security/profile/activate] is unauthorized for user [bob] with effective roles [viewer], ' +
        'this action is granted by the cluster privileges [manage_user_profile,manage_security,all]',
    );
    expect(error.headers).toBeUndefined();
  });

  it('lists the effective roles sorted and comma-joined without spaces', () => {
    expect(denial(user('bob', ['viewer', 'editor']), ACTIVATE).reason).toBe(
      `action [${ACTIVATE}] is unauthorized for user [bob] with effective roles [editor,viewer], ${GRANTED_BY}`,
    );
  });

  it('names assigned roles that do not exist', () => {
    expect(denial(user('bob', ['viewer', 'x']), ACTIVATE).reason).toBe(
      `action [${ACTIVATE}] is unauthorized for user [bob] with effective roles [viewer] (assigned roles [x] were not found), ${GRANTED_BY}`,
    );
  });

  it('with no existing role at all: empty effective roles plus the missing ones', () => {
    expect(denial(user('bob', ['ghost', 'x']), ACTIVATE).reason).toBe(
      `action [${ACTIVATE}] is unauthorized for user [bob] with effective roles [] (assigned roles [ghost,x] were not found), ${GRANTED_BY}`,
    );
  });

  it('with no roles: "with effective roles []"', () => {
    expect(denial(user('bob', []), ACTIVATE).reason).toBe(
      `action [${ACTIVATE}] is unauthorized for user [bob] with effective roles [], ${GRANTED_BY}`,
    );
  });

  it('API keys: "API key id [..] of user [..]" and no role text', () => {
    expect(denial(apiKey({ r: { cluster: ['monitor'] } }), ACTIVATE).reason).toBe(
      `action [${ACTIVATE}] is unauthorized for API key id [abc123] of user [bob], ${GRANTED_BY}`,
    );
  });

  it('service accounts: "service account [..]" and no role text', () => {
    const sa: Authentication = { ...user('elastic/fleet-server', []), subjectType: 'service_account' };
    expect(denial(sa, ACTIVATE).reason).toBe(`action [${ACTIVATE}] is unauthorized for service account [elastic/fleet-server], ${GRANTED_BY}`);
  });
});

describe('which privileges grant profile activation (compatibility notes §2.2)', () => {
  it('findPrivilegesThatGrant(activate) is [manage_user_profile, manage_security, all], least privileged first', () => {
    expect(findPrivilegesThatGrant(ACTIVATE)).toEqual(['manage_user_profile', 'manage_security', 'all']);
  });

  it('superuser, user_profile_admin and kibana_system may activate', () => {
    for (const roles of [['superuser'], ['user_profile_admin'], ['kibana_system']]) {
      expect(engine.authorization.isAuthorized(user('u', roles), ACTIVATE)).toBe(true);
      expect(() => engine.authorization.authorize(user('u', roles), ACTIVATE)).not.toThrow();
    }
  });

  it('viewer, editor and kibana_admin may not', () => {
    for (const roles of [['viewer'], ['editor'], ['kibana_admin']]) {
      expect(engine.authorization.isAuthorized(user('u', roles), ACTIVATE)).toBe(false);
    }
  });

  it('a stored role with manage_user_profile, manage_security or all may activate', () => {
    for (const privilege of ['manage_user_profile', 'manage_security', 'all']) {
      engine.roles.put(`r_${privilege}`, role([privilege]));
      expect(engine.authorization.isAuthorized(user('u', [`r_${privilege}`]), ACTIVATE)).toBe(true);
    }
  });

  it('read_security grants profile get but not activate; manage (which excludes security) grants neither', () => {
    engine.roles.put('r_read_security', role(['read_security']));
    engine.roles.put('r_manage', role(['manage']));
    expect(engine.authorization.isAuthorized(user('u', ['r_read_security']), Actions.profileGet)).toBe(true);
    expect(engine.authorization.isAuthorized(user('u', ['r_read_security']), ACTIVATE)).toBe(false);
    expect(engine.authorization.isAuthorized(user('u', ['r_manage']), ACTIVATE)).toBe(false);
    expect(engine.authorization.isAuthorized(user('u', ['r_manage']), Actions.profileGet)).toBe(false);
  });

  it('a raw action pattern in a role grants the matching actions only', () => {
    engine.roles.put('r_pattern', role(['cluster:admin/xpack/security/profile/activate']));
    expect(engine.authorization.isAuthorized(user('u', ['r_pattern']), ACTIVATE)).toBe(true);
    expect(engine.authorization.isAuthorized(user('u', ['r_pattern']), Actions.profileGet)).toBe(false);
    engine.roles.put('r_wildcard', role(['cluster:admin/xpack/security/profile/*']));
    expect(engine.authorization.isAuthorized(user('u', ['r_wildcard']), Actions.profileSetEnabled)).toBe(true);
    expect(engine.authorization.isAuthorized(user('u', ['r_wildcard']), Actions.userGet)).toBe(false);
  });

  it('the privileges of several roles add up', () => {
    engine.roles.put('r_none', role([]));
    expect(engine.authorization.isAuthorized(user('u', ['r_none', 'viewer']), ACTIVATE)).toBe(false);
    expect(engine.authorization.isAuthorized(user('u', ['r_none', 'viewer', 'user_profile_admin']), ACTIVATE)).toBe(true);
  });

  it('every user may call _authenticate on themselves, whatever their roles', () => {
    expect(engine.authorization.isAuthorized(user('nobody', []), Actions.userAuthenticate)).toBe(true);
  });
});

describe('API keys: own descriptors limited by the owner\'s', () => {
  it('without own descriptors, the owner\'s privileges apply', () => {
    expect(engine.authorization.isAuthorized(apiKey({ owner: { cluster: ['manage_user_profile'] } }), ACTIVATE)).toBe(true);
    expect(engine.authorization.isAuthorized(apiKey({ owner: { cluster: ['monitor'] } }), ACTIVATE)).toBe(false);
  });

  it('with own descriptors, both the key and its limit must grant the action', () => {
    const limit = { owner: { cluster: ['manage_user_profile'] } };
    expect(engine.authorization.isAuthorized(apiKey(limit, { k: { cluster: ['manage_security'] } }), ACTIVATE)).toBe(true);
    expect(engine.authorization.isAuthorized(apiKey(limit, { k: { cluster: ['monitor'] } }), ACTIVATE)).toBe(false);
    expect(engine.authorization.isAuthorized(apiKey({ owner: { cluster: ['monitor'] } }, { k: { cluster: ['all'] } }), ACTIVATE)).toBe(false);
  });

  it('ignores the owner\'s roles as listed on the user (only the descriptors count)', () => {
    // user('bob', ['viewer']) is the owner; superuser-like descriptors would be needed to activate.
    expect(engine.authorization.isAuthorized(apiKey({}), ACTIVATE)).toBe(false);
  });
});

describe('role changes are seen at once (resolution cache)', () => {
  it('granting, revoking and deleting a role changes the decision and the message', () => {
    engine.roles.put('evolving', role([]));
    const bob = user('bob', ['evolving']);
    expect(engine.authorization.isAuthorized(bob, ACTIVATE)).toBe(false);

    engine.roles.put('evolving', role(['manage_user_profile']));
    expect(engine.authorization.isAuthorized(bob, ACTIVATE)).toBe(true);

    engine.roles.put('evolving', role(['monitor']));
    expect(engine.authorization.isAuthorized(bob, ACTIVATE)).toBe(false);

    expect(engine.roles.delete('evolving')).toBe(true);
    expect(denial(bob, ACTIVATE).reason).toBe(
      `action [${ACTIVATE}] is unauthorized for user [bob] with effective roles [] (assigned roles [evolving] were not found), ${GRANTED_BY}`,
    );

    engine.roles.put('evolving', role(['all']));
    expect(engine.authorization.isAuthorized(bob, ACTIVATE)).toBe(true);
  });
});

describe('role resolution cache', () => {
  it('keeps at most the configured number of role-name sets, oldest out first, and answers alike after eviction', () => {
    const roles = engine.roles;
    const first = roles.resolve(['viewer', 'no_such_role_0']);
    expect(first).toEqual({ effective: ['viewer'], missing: ['no_such_role_0'], cluster: roles.get('viewer')?.cluster });
    for (let i = 1; i <= RESOLVED_ROLES_CACHE_MAX + 50; i++) roles.resolve(['viewer', `no_such_role_${i}`]);
    expect(roles.cachedResolutions).toBe(RESOLVED_ROLES_CACHE_MAX);

    // The first set was evicted: resolving it again computes a new, equal result.
    const again = roles.resolve(['viewer', 'no_such_role_0']);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(roles.cachedResolutions).toBe(RESOLVED_ROLES_CACHE_MAX);
    // A recent set is still the cached object.
    const recent = ['viewer', `no_such_role_${RESOLVED_ROLES_CACHE_MAX + 50}`];
    expect(roles.resolve(recent)).toBe(roles.resolve(recent));
  });

  it('drops every cached resolution when a role changes', () => {
    const roles = engine.roles;
    roles.resolve(['superuser']);
    expect(roles.cachedResolutions).toBeGreaterThan(0);
    roles.put('cache_test_role', { cluster: ['monitor'], indices: [], applications: [], run_as: [], metadata: {}, transient_metadata: { enabled: true } });
    expect(roles.cachedResolutions).toBe(0);
    expect(roles.resolve(['cache_test_role']).cluster).toEqual(['monitor']);
  });
});

describe('run-as (AuthorizationService.maybeAuthorizeRunAs, RBACEngine.authorizeRunAs)', () => {
  const AUTHENTICATE = Actions.userAuthenticate;
  const NATIVE = { name: 'default_native', type: 'native', nodeName: 'node-1' };
  const RESERVED = { name: 'reserved', type: 'reserved', nodeName: 'node-1' };

  /** `caller` running as `target` (found in the native realm unless `lookupRealm` is null). */
  function runAsAuth(caller: Authentication, target: string, roles: string[], lookupRealm: typeof NATIVE | null = NATIVE): Authentication {
    const effective = { username: target, roles, fullName: null, email: null, metadata: {}, enabled: true };
    return runAs(caller, effective, lookupRealm ?? undefined);
  }

  function runAsDenied(action: string, who: string, target: string): string {
    return `action [${action}] is unauthorized for ${who}, because ${who.replace(/ with effective roles .*$/, '')} is unauthorized to run as [${target}]`;
  }

  it('superuser (run_as ["*"]) may run as anyone; the action is then the effective user\'s to pass', () => {
    const auth = runAsAuth({ ...user('elastic', ['superuser']), authenticatingRealm: RESERVED }, 'bob', ['viewer']);
    expect(engine.authorization.isRunAsGranted(auth)).toBe(true);
    expect(() => engine.authorization.authorize(auth, AUTHENTICATE)).not.toThrow();
    // elastic could activate profiles; bob (viewer) cannot, and the message names both users.
    expect(engine.authorization.isAuthorized(auth, ACTIVATE)).toBe(false);
    expect(denial(auth, ACTIVATE).reason).toBe(
      `action [${ACTIVATE}] is unauthorized for user [elastic] run as [bob] with effective roles [viewer], ${GRANTED_BY}`,
    );
    expect(engine.authorization.denialMessage(auth, ACTIVATE)).toBe(denial(auth, ACTIVATE).reason);
  });

  it('the effective user\'s missing roles are named as for any user', () => {
    const auth = runAsAuth(user('elastic', ['superuser']), 'bob', ['viewer', 'gone']);
    expect(denial(auth, ACTIVATE).reason).toBe(
      `action [${ACTIVATE}] is unauthorized for user [elastic] run as [bob] with effective roles [viewer] (assigned roles [gone] were not found), ${GRANTED_BY}`,
    );
  });

  it('a run-as the effective user\'s roles allow passes', () => {
    const auth = runAsAuth(user('elastic', ['superuser']), 'admin2', ['user_profile_admin']);
    expect(() => engine.authorization.authorize(auth, ACTIVATE)).not.toThrow();
  });

  it('without run_as: 403 runAsDenied naming the authenticating user and its roles, for every action', () => {
    const auth = runAsAuth(user('alice', ['viewer', 'editor']), 'elastic', ['superuser'], RESERVED);
    for (const action of [AUTHENTICATE, ACTIVATE, Actions.userGet]) {
      const error = denial(auth, action);
      expect(error.status).toBe(403);
      expect(error.type).toBe('security_exception');
      expect(error.reason).toBe(
        `action [${action}] is unauthorized for user [alice] with effective roles [editor,viewer], because user [alice] is unauthorized to run as [elastic]`,
      );
      expect(engine.authorization.isAuthorized(auth, action)).toBe(false);
      expect(engine.authorization.denialMessage(auth, action)).toBe(error.reason);
    }
    // Not even the privileges of the target leak through the other checks.
    expect(engine.authorization.holdsNamedPrivilege(auth, 'all')).toBe(false);
    expect(engine.authorization.hasClusterPrivilege(auth, 'monitor')).toBe(false);
    expect(() => engine.authorization.authorizeRunAs(auth, Actions.userChangePassword)).toThrow(
      'action [cluster:admin/xpack/security/user/change_password] is unauthorized for user [alice] with effective roles [editor,viewer], because user [alice] is unauthorized to run as [elastic]',
    );
  });

  it('the runAsDenied roles text names missing roles of the authenticating user', () => {
    const auth = runAsAuth(user('alice', ['viewer', 'ghost']), 'bob', []);
    expect(denial(auth, AUTHENTICATE).reason).toBe(
      runAsDenied(AUTHENTICATE, 'user [alice] with effective roles [viewer] (assigned roles [ghost] were not found)', 'bob'),
    );
  });

  it('a user no realm knows (no lookup realm) is refused even for a superuser', () => {
    const auth = runAsAuth(user('elastic', ['superuser']), 'nobody', [], null);
    expect(engine.authorization.isRunAsGranted(auth)).toBe(false);
    expect(denial(auth, AUTHENTICATE).reason).toBe(runAsDenied(AUTHENTICATE, 'user [elastic] with effective roles [superuser]', 'nobody'));
  });

  it('run_as patterns: wildcards and /regex/, the union over all roles', () => {
    engine.roles.put('runner_b', { ...role([]), run_as: ['b*'] });
    engine.roles.put('runner_re', { ...role([]), run_as: ['/c(a|o)rol/', 'd?ve'] });
    const alice = user('alice', ['runner_b', 'viewer']);
    expect(engine.authorization.isRunAsGranted(runAsAuth(alice, 'bob', []))).toBe(true);
    expect(engine.authorization.isRunAsGranted(runAsAuth(alice, 'bert', []))).toBe(true);
    expect(engine.authorization.isRunAsGranted(runAsAuth(alice, 'carol', []))).toBe(false);
    expect(engine.authorization.isRunAsGranted(runAsAuth(alice, 'abe', []))).toBe(false);
    const both = user('alice', ['runner_b', 'runner_re']);
    expect(engine.authorization.isRunAsGranted(runAsAuth(both, 'carol', []))).toBe(true);
    expect(engine.authorization.isRunAsGranted(runAsAuth(both, 'corol', []))).toBe(true);
    expect(engine.authorization.isRunAsGranted(runAsAuth(both, 'dave', []))).toBe(true);
    expect(engine.authorization.isRunAsGranted(runAsAuth(both, 'daave', []))).toBe(false);
    expect(engine.authorization.isRunAsGranted(runAsAuth(both, 'elastic', [], RESERVED))).toBe(false);
  });

  it('a role change is seen at once', () => {
    engine.roles.put('runner_evolving', { ...role([]), run_as: ['someone'] });
    const auth = runAsAuth(user('alice', ['runner_evolving']), 'bob', []);
    expect(engine.authorization.isRunAsGranted(auth)).toBe(false);
    engine.roles.put('runner_evolving', { ...role([]), run_as: ['bob'] });
    expect(engine.authorization.isRunAsGranted(auth)).toBe(true);
    engine.roles.delete('runner_evolving');
    expect(engine.authorization.isRunAsGranted(auth)).toBe(false);
  });

  it('API keys: the key\'s own run_as (when it has descriptors) and its owner\'s must both allow it', () => {
    const anyone = { owner: { cluster: [], run_as: ['*'] } };
    expect(engine.authorization.isRunAsGranted(runAsAuth(apiKey(anyone), 'carol', []))).toBe(true);
    expect(engine.authorization.isRunAsGranted(runAsAuth(apiKey(anyone, { k: { run_as: ['c*'] } }), 'carol', []))).toBe(true);
    expect(engine.authorization.isRunAsGranted(runAsAuth(apiKey(anyone, { k: { cluster: ['all'] } }), 'carol', []))).toBe(false);
    expect(engine.authorization.isRunAsGranted(runAsAuth(apiKey({ owner: { cluster: ['all'] } }, { k: { run_as: ['*'] } }), 'carol', []))).toBe(false);
    // The message describes the key and prints no roles for it; the effective user is a user.
    const denied = runAsAuth(apiKey({ owner: { cluster: ['all'] } }), 'carol', ['viewer']);
    expect(denial(denied, AUTHENTICATE).reason).toBe(
      `action [${AUTHENTICATE}] is unauthorized for API key id [abc123] of user [bob], because API key id [abc123] of user [bob] is unauthorized to run as [carol]`,
    );
    const granted = runAsAuth(apiKey(anyone), 'carol', ['viewer']);
    expect(denial(granted, ACTIVATE).reason).toBe(
      `action [${ACTIVATE}] is unauthorized for API key id [abc123] of user [bob] run as [carol] with effective roles [viewer], ${GRANTED_BY}`,
    );
  });

  it('after run-as the effective user\'s roles count, never the API key\'s or the caller\'s', () => {
    const auth = runAsAuth(apiKey({ owner: { cluster: ['all'], run_as: ['*'] } }), 'carol', ['user_profile_admin']);
    expect(auth.apiKey).toBeUndefined();
    expect(engine.authorization.isAuthorized(auth, ACTIVATE)).toBe(true);
    expect(engine.authorization.isAuthorized(auth, Actions.userGet)).toBe(false);
  });
});
