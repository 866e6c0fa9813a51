import { describe, expect, it } from 'vitest';
import { applyFilterPath, parseFilterPath } from './filter-path';

const profiles = {
  profiles: [
    { uid: 'u1', enabled: true, user: { username: 'joe', roles: ['viewer'], realm_name: 'default_native' }, labels: {}, data: {} },
    { uid: 'u2', enabled: false, user: { username: 'ann', roles: [], realm_name: 'default_native' }, labels: { team: 'red' }, data: {} },
  ],
  errors: { count: 1, details: { u3: { type: 'resource_not_found_exception' } } },
};

const filtered = (body: unknown, value: string) => applyFilterPath(body, parseFilterPath(value)!);

describe('filter_path', () => {
  it('keeps the named paths, through arrays of objects, in the response\'s own order', () => {
    expect(filtered(profiles, 'profiles.uid,profiles.user.username')).toEqual({
      profiles: [
        { uid: 'u1', user: { username: 'joe' } },
        { uid: 'u2', user: { username: 'ann' } },
      ],
    });
    expect(Object.keys((filtered(profiles, 'errors,profiles.uid') as Record<string, unknown>))).toEqual(['profiles', 'errors']);
  });

  it('keeps a whole subtree, arrays included, when the path ends at it', () => {
    expect(filtered(profiles, 'profiles.user.roles')).toEqual({ profiles: [{ user: { roles: ['viewer'] } }, { user: { roles: [] } }] });
    expect(filtered(profiles, 'errors')).toEqual({ errors: profiles.errors });
  });

  it('matches * within a name and ** across levels', () => {
    expect(filtered(profiles, 'profiles.user.*name')).toEqual({
      profiles: [{ user: { username: 'joe', realm_name: 'default_native' } }, { user: { username: 'ann', realm_name: 'default_native' } }],
    });
    expect(filtered(profiles, '**.username')).toEqual({ profiles: [{ user: { username: 'joe' } }, { user: { username: 'ann' } }] });
    expect(filtered(profiles, 'errors.details.*.type')).toEqual({ errors: { details: { u3: { type: 'resource_not_found_exception' } } } });
    expect(filtered({ a: { b: { c: 1, d: 2 } }, e: 3 }, 'a.**')).toEqual({ a: { b: { c: 1, d: 2 } } });
  });

  it('drops objects left empty and answers {} when nothing matches', () => {
    expect(filtered(profiles, 'nothing.here')).toEqual({});
    expect(filtered({ a: { b: 1 }, c: 2 }, 'a.x,c')).toEqual({ c: 2 });
  });

  it('removes what a "-" path names and keeps the rest', () => {
    expect(filtered({ a: { b: 1, c: 2 }, d: [{ b: 1, e: 3 }] }, '-a.b,-d.b')).toEqual({ a: { c: 2 }, d: [{ e: 3 }] });
    expect(filtered({ a: 1, b: { a: 2, c: { a: 3 } } }, '-**.a')).toEqual({ b: { c: {} } });
  });

  it('applies inclusions, then exclusions', () => {
    expect(filtered(profiles, 'profiles.user,-profiles.user.roles')).toEqual({
      profiles: [{ user: { username: 'joe', realm_name: 'default_native' } }, { user: { username: 'ann', realm_name: 'default_native' } }],
    });
  });

  it('ignores empty entries; an empty value filters nothing', () => {
    expect(parseFilterPath('')).toBeUndefined();
    expect(parseFilterPath(' , ')).toBeUndefined();
    expect(filtered({ a: 1, b: 2 }, ',a,')).toEqual({ a: 1 });
  });
});

describe('filter_path work stays bounded', () => {
  it('many ** segments against a deep response finish quickly (states are shared, not multiplied)', () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 30; i++) deep = { [`k${i}`]: deep, [`j${i}`]: { x: i } };
    const value = Array.from({ length: 200 }, () => Array(24).fill('**').join('.') + '.zzz').join(',');
    const started = performance.now();
    expect(filtered(deep, value)).toEqual({});
    const leaf = JSON.stringify(filtered(deep, '**.**.leaf'));
    expect(leaf).toContain('"leaf":1');
    expect(leaf).not.toContain('"x"');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('merges repeated ** so "a.**.**.b" means "a.**.b"', () => {
    expect(parseFilterPath('a.**.**.**.b')!.includes).toEqual([['a', '**', 'b']]);
    expect(filtered({ a: { x: { y: { b: 1, c: 2 } } } }, 'a.**.**.b')).toEqual({ a: { x: { y: { b: 1 } } } });
  });
});
