import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecurityEngine } from './engine';
import { RESOLVED_ROLES_CACHE_MAX } from './roles';

let dataDir: string;
let engine: SecurityEngine;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-roles-test-'));
  engine = await SecurityEngine.open({ dataDir, nodeName: 'node-1', elasticPassword: 'elastic-pw', announce: () => undefined });
});
afterAll(() => {
  engine.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
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
