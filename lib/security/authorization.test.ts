import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecurityEngine } from './engine';
import { EsError } from './errors';
import { Actions } from './actions';
import type { Authentication } from './authentication';
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
  limitedBy: Record<string, { cluster?: string[] }>,
  roleDescriptors: Record<string, { cluster?: string[] }> = {},
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
