import { describe, expect, it } from 'vitest';
import { EsError } from './errors';
import {
  applicationNameProblem,
  clusterPrivilegeGranted,
  globSubset,
  indexPrivilegeImplied,
  patternCovers,
  rolesHavePrivileges,
  validatePrivilegesToCheck,
  type PrivilegesToCheck,
} from './privilege-check';
import { RESERVED_ROLES, type RoleDescriptor } from './roles';

function role(partial: Partial<RoleDescriptor>): RoleDescriptor {
  return { cluster: [], indices: [], applications: [], run_as: [], metadata: {}, transient_metadata: { enabled: true }, ...partial };
}

const check = (partial: Partial<PrivilegesToCheck>): PrivilegesToCheck => ({ cluster: [], index: [], application: [], ...partial });
const index = (names: string[], privileges: string[], allowRestrictedIndices = false) => ({ names, privileges, allowRestrictedIndices });

describe('wildcard patterns', () => {
  it('globSubset decides whether one pattern covers another', () => {
    expect(globSubset('index1*', 'index1*')).toBe(true);
    expect(globSubset('index1-a*', 'index1*')).toBe(true);
    expect(globSubset('index1*', 'index*')).toBe(true);
    expect(globSubset('index*', 'index1*')).toBe(false);
    expect(globSubset('a*b', '*b')).toBe(true);
    expect(globSubset('a*b', 'a*')).toBe(true);
    expect(globSubset('a*', '*a*')).toBe(true);
    expect(globSubset('a?c', 'a*')).toBe(true);
    expect(globSubset('a*c', 'a?c')).toBe(false);
    expect(globSubset('abc', 'a?c')).toBe(true);
    expect(globSubset('*', 'logs-*')).toBe(false);
  });

  it('patternCovers evaluates the reserved roles\' Lucene regex for names and wildcard patterns', () => {
    const notHidden = '/~(([.]|ilm-history-).*)/';
    expect(patternCovers(notHidden, 'logs')).toBe(true);
    expect(patternCovers(notHidden, '.kibana')).toBe(false);
    expect(patternCovers(notHidden, 'ilm-history-1')).toBe(false);
    expect(patternCovers(notHidden, 'ilm-other')).toBe(true);
    expect(patternCovers(notHidden, 'logs-*')).toBe(true);
    expect(patternCovers(notHidden, '*')).toBe(false);
    expect(patternCovers(notHidden, 'ilm*')).toBe(false);
    expect(patternCovers(notHidden, '.k*')).toBe(false);
    expect(patternCovers('/logs-[0-9]+/', 'logs-42')).toBe(true);
    expect(patternCovers('/logs-[0-9]+/', 'logs-x')).toBe(false);
    expect(patternCovers('/logs-.*/', 'logs-*')).toBe(false); // not decided for wildcards: not granted
    expect(patternCovers('*', '/anything/')).toBe(true);
  });
});

describe('privilege implication', () => {
  it('index privileges: all covers everything, write covers index/create/delete, manage covers maintenance', () => {
    for (const p of ['read', 'write', 'index', 'create', 'create_doc', 'delete', 'manage', 'monitor', 'view_index_metadata', 'maintenance']) {
      expect(indexPrivilegeImplied(['all'], p), p).toBe(true);
    }
    for (const p of ['index', 'create', 'create_doc', 'delete']) expect(indexPrivilegeImplied(['write'], p), p).toBe(true);
    expect(indexPrivilegeImplied(['index'], 'create')).toBe(true);
    expect(indexPrivilegeImplied(['create'], 'index')).toBe(false);
    expect(indexPrivilegeImplied(['write'], 'read')).toBe(false);
    expect(indexPrivilegeImplied(['read'], 'write')).toBe(false);
    expect(indexPrivilegeImplied(['read'], 'view_index_metadata')).toBe(false);
    for (const p of ['monitor', 'view_index_metadata', 'maintenance', 'create_index', 'delete_index']) {
      expect(indexPrivilegeImplied(['manage'], p), p).toBe(true);
    }
    expect(indexPrivilegeImplied(['manage'], 'read')).toBe(false);
    expect(indexPrivilegeImplied(['read'], 'indices:data/read/search')).toBe(true);
    expect(indexPrivilegeImplied(['indices:data/read/*'], 'read')).toBe(false);
    expect(() => indexPrivilegeImplied(['all'], 'reed')).toThrow(EsError);
  });

  it('cluster privileges: names, raw action patterns, and manage\'s security exclusion', () => {
    expect(clusterPrivilegeGranted(['all'], 'manage_security')).toBe(true);
    expect(clusterPrivilegeGranted(['manage'], 'monitor')).toBe(true);
    expect(clusterPrivilegeGranted(['manage'], 'manage_security')).toBe(false);
    expect(clusterPrivilegeGranted(['manage'], 'manage_user_profile')).toBe(false);
    expect(clusterPrivilegeGranted(['manage_security'], 'manage_user_profile')).toBe(true);
    expect(clusterPrivilegeGranted(['manage_user_profile'], 'cluster:admin/xpack/security/profile/suggest')).toBe(true);
    expect(clusterPrivilegeGranted(['cluster:admin/xpack/security/profile/activate'], 'manage_user_profile')).toBe(false);
    expect(clusterPrivilegeGranted(['monitor'], 'cluster:monitor/health')).toBe(true);
    const error = (() => {
      try {
        clusterPrivilegeGranted(['all'], 'nope');
      } catch (e) {
        return e as EsError;
      }
    })();
    expect(error?.type).toBe('illegal_argument_exception');
    expect(error?.reason).toMatch(/^unknown cluster privilege \[nope\]\. a privilege must be either one of the predefined cluster privilege names \[all,/);
  });
});

describe('rolesHavePrivileges', () => {
  const role1 = role({ indices: [{ names: ['index1*'], privileges: ['all'] }, { names: ['index2*'], privileges: ['read'] }] });

  it('needs every privilege on every name, from any role entry', () => {
    expect(rolesHavePrivileges([role1], check({ index: [index(['index1*', 'index2*'], ['read'])] }))).toBe(true);
    expect(rolesHavePrivileges([role1], check({ index: [index(['index1*', 'index2*'], ['all', 'read'])] }))).toBe(false);
    expect(rolesHavePrivileges([role1], check({ index: [index(['index1-x'], ['write', 'manage'])] }))).toBe(true);
    expect(rolesHavePrivileges([role1], check({ index: [index(['index*'], ['read'])] }))).toBe(false);
    const writer = role({ indices: [{ names: ['index2*'], privileges: ['write'] }] });
    expect(rolesHavePrivileges([role1, writer], check({ index: [index(['index2*'], ['read', 'write'])] }))).toBe(true);
  });

  it('keeps restricted indices out of patterns unless the role allows them', () => {
    const superuser = [RESERVED_ROLES.superuser];
    expect(rolesHavePrivileges(superuser, check({ index: [index(['*'], ['all'])] }))).toBe(true);
    expect(rolesHavePrivileges(superuser, check({ index: [index(['*'], ['read'], true)] }))).toBe(true);
    expect(rolesHavePrivileges(superuser, check({ index: [index(['*'], ['all'], true)] }))).toBe(false);
    expect(rolesHavePrivileges(superuser, check({ index: [index(['.security-7'], ['write'])] }))).toBe(false);
    expect(rolesHavePrivileges(superuser, check({ index: [index(['.security-7'], ['read'])] }))).toBe(true);
    expect(rolesHavePrivileges(superuser, check({ index: [index(['.kibana'], ['write'])] }))).toBe(true);
  });

  it('evaluates the reserved viewer, editor and kibana_system roles', () => {
    const viewer = [RESERVED_ROLES.viewer];
    expect(rolesHavePrivileges(viewer, check({ index: [index(['logs-*', 'metrics'], ['read', 'view_index_metadata'])] }))).toBe(true);
    expect(rolesHavePrivileges(viewer, check({ index: [index(['.kibana'], ['read'])] }))).toBe(false);
    expect(rolesHavePrivileges(viewer, check({ index: [index(['logs'], ['write'])] }))).toBe(false);
    expect(rolesHavePrivileges(viewer, check({ application: [{ application: 'kibana-.kibana', privileges: ['read'], resources: ['space:default'] }] }))).toBe(true);
    expect(rolesHavePrivileges(viewer, check({ application: [{ application: 'kibana-.kibana', privileges: ['all'], resources: ['*'] }] }))).toBe(false);
    const editor = [RESERVED_ROLES.editor];
    expect(rolesHavePrivileges(editor, check({ index: [index(['.siem-signals-default'], ['write', 'maintenance'])] }))).toBe(true);
    expect(rolesHavePrivileges(editor, check({ application: [{ application: 'kibana-.kibana', privileges: ['read', 'all'], resources: ['space:x'] }] }))).toBe(true);
    const kibana = [RESERVED_ROLES.kibana_system];
    expect(rolesHavePrivileges(kibana, check({ cluster: ['monitor', 'cluster:admin/xpack/security/profile/activate'] }))).toBe(true);
    expect(rolesHavePrivileges(kibana, check({ cluster: ['manage_user_profile'] }))).toBe(false);
    expect(rolesHavePrivileges(kibana, check({ index: [index(['.kibana_8.0'], ['all'])] }))).toBe(true);
  });

  it('matches application names, resources and action-like privileges with wildcards', () => {
    const app = role({
      applications: [
        { application: 'myapp', privileges: ['read', 'action:*'], resources: ['space/*', 'doc/1'] },
        { application: 'other*', privileges: ['*'], resources: ['*'] },
      ],
    });
    const appCheck = (application: string, privileges: string[], resources: string[]) =>
      rolesHavePrivileges([app], check({ application: [{ application, privileges, resources }] }));
    expect(appCheck('myapp', ['read'], ['space/a', 'doc/1'])).toBe(true);
    expect(appCheck('myapp', ['read'], ['doc/2'])).toBe(false);
    expect(appCheck('myapp', ['action:login'], ['space/*'])).toBe(true);
    expect(appCheck('myapp', ['write'], ['space/a'])).toBe(false);
    expect(appCheck('otherapp', ['anything', 'x:y'], ['r'])).toBe(true);
    expect(appCheck('yourapp', ['read'], ['r'])).toBe(false);
  });

  it('reports unknown privilege names as illegal_argument_exception', () => {
    expect(() => rolesHavePrivileges([role1], check({ cluster: ['monitr'] }))).toThrow(/unknown cluster privilege \[monitr\]/);
    expect(() => rolesHavePrivileges([], check({ index: [index(['x'], ['reed'])] }))).toThrow(/unknown index privilege \[reed\]/);
  });
});

describe('validation', () => {
  it('checks application names and that something is checked', () => {
    expect(validatePrivilegesToCheck(check({}))).toEqual(['must specify at least one privilege']);
    expect(validatePrivilegesToCheck(check({ cluster: ['monitor'] }))).toEqual([]);
    expect(applicationNameProblem('kibana-.kibana')).toBeUndefined();
    expect(applicationNameProblem('app')).toBeUndefined();
    expect(applicationNameProblem('')).toBe('Application names cannot be blank');
    expect(applicationNameProblem('app*')).toBe("Application names may not contain '*' (found 'app*')");
    expect(applicationNameProblem('my app')).toBe("Application names may not contain whitespace (found 'my app')");
    expect(applicationNameProblem('1app')).toBe("An application name prefix must match the pattern ^[a-z][A-Za-z0-9]*$ (found '1app')");
    expect(applicationNameProblem('ab')).toBe("An application name prefix must be at least 3 characters long (found 'ab')");
    expect(applicationNameProblem('app-a/b')).toBe(`An application name suffix may not contain any of the characters ' "*\\<|,>/?' (found 'a/b')`);
  });
});

describe('Lucene regex index patterns are matched in linear time', () => {
  it('/(a+)+b/ in a role against a long index name answers at once (no catastrophic backtracking)', () => {
    const roles = [role({ indices: [{ names: ['/(a+)+b/'], privileges: ['read'], allow_restricted_indices: false }] })];
    // A backtracking RegExp takes about a second on 26 characters (its first, interpreted run) and twice as long for each one more.
    for (const length of [26, 45, 200]) {
      const start = performance.now();
      expect(rolesHavePrivileges(roles, check({ index: [index(['a'.repeat(length)], ['read'])] }))).toBe(false);
      expect(performance.now() - start, `${length} characters`).toBeLessThan(150);
    }
    expect(rolesHavePrivileges(roles, check({ index: [index(['aaab'], ['read'])] }))).toBe(true);
    expect(patternCovers('/~((a+)+b)/', 'a'.repeat(45))).toBe(true);
  });

  it('a regex over the size bound grants nothing', () => {
    expect(patternCovers('/a{20000}/', 'a'.repeat(20000))).toBe(false);
    expect(patternCovers('/a{3000}/', 'a'.repeat(3000))).toBe(true);
  });
});
