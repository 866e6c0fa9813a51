import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '@/lib/store/database';
import { ProfilesStore } from '@/lib/store/profiles-store';
import { jsonEquals, mergeInto, validateUpdateProfileData, writeConditionProblems } from './profile-data';
import { ProfileService } from './profiles';
import { thrownEsError } from './test-assertions';

describe('validateUpdateProfileData', () => {
  it('uses the top-level keys of labels and data together', () => {
    expect(validateUpdateProfileData({})).toEqual(['update request is empty']);
    expect(validateUpdateProfileData({ labels: {}, data: {} })).toEqual(['update request is empty']);
    expect(validateUpdateProfileData({ labels: { app: {} } })).toEqual([]);
    expect(validateUpdateProfileData({ labels: { 'a.b': 1 }, data: { 'a.b': 2, _c: 3, 'd.e': 4 } })).toEqual([
      'application name must not contain dot, but found [a.b,d.e]',
      'application name must not start with underscore, but found [_c]',
    ]);
  });
});

describe('writeConditionProblems', () => {
  it('follows UpdateRequest.validate for the values the REST layer passes on', () => {
    expect(writeConditionProblems({ ifSeqNo: -1, ifPrimaryTerm: -1 })).toEqual([]);
    expect(writeConditionProblems({ ifSeqNo: 4, ifPrimaryTerm: 1 })).toEqual([]);
    expect(writeConditionProblems({ ifSeqNo: 0, ifPrimaryTerm: -1 })).toEqual(['ifSeqNo is set, but primary term is [0]']);
    expect(writeConditionProblems({ ifSeqNo: 0, ifPrimaryTerm: 0 })).toEqual(['ifSeqNo is set, but primary term is [0]']);
    expect(writeConditionProblems({ ifSeqNo: -1, ifPrimaryTerm: 3 })).toEqual(['ifSeqNo is unassigned, but primary term is [3]']);
    expect(writeConditionProblems({ ifSeqNo: -7, ifPrimaryTerm: 0 })).toEqual([]);
  });
});

describe('mergeInto (XContentHelper.update)', () => {
  it('merges objects recursively and replaces everything else', () => {
    const source: Record<string, unknown> = { a: { b: 1, c: { d: 1 } }, list: [1, 2], s: 'x', n: null };
    const changed = mergeInto(source, { a: { c: { e: 2 }, f: 3 }, list: [3], s: { now: 'object' }, n: 1, added: null });
    expect(changed).toBe(true);
    expect(source).toEqual({ a: { b: 1, c: { d: 1, e: 2 }, f: 3 }, list: [3], s: { now: 'object' }, n: 1, added: null });
    expect(Object.keys(source)).toEqual(['a', 'list', 's', 'n', 'added']);
  });

  it('replaces an object by null (explicit null is stored, not a delete)', () => {
    const source: Record<string, unknown> = { app: { theme: 'dark' } };
    expect(mergeInto(source, { app: { theme: null } })).toBe(true);
    expect(source).toEqual({ app: { theme: null } });
    expect(mergeInto(source, { app: null })).toBe(true);
    expect(source).toEqual({ app: null });
  });

  it('reports no change for equal values (noop detection), whatever the key order', () => {
    const source: Record<string, unknown> = { a: { x: 1, y: [1, { z: 2 }] } };
    expect(mergeInto(source, { a: { y: [1, { z: 2 }], x: 1 } })).toBe(false);
    expect(mergeInto(source, { a: {} })).toBe(false);
    expect(mergeInto(source, { a: { y: [1, { z: 3 }] } })).toBe(true);
  });

  it('does not share objects with the changes', () => {
    const change = { a: { b: [1] } };
    const source: Record<string, unknown> = {};
    mergeInto(source, change);
    change.a.b.push(2);
    expect(source).toEqual({ a: { b: [1] } });
  });

  it('jsonEquals compares maps without order and arrays with order', () => {
    expect(jsonEquals({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(jsonEquals([1, 2], [2, 1])).toBe(false);
    expect(jsonEquals({ a: undefined }, {})).toBe(false);
    expect(jsonEquals(null, {})).toBe(false);
  });
});

describe('ProfileService.updateData', () => {
  const dirs: string[] = [];
  const dbs: SqliteDatabase[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  function service() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-data-'));
    dirs.push(dir);
    const db = openDatabase(dir);
    dbs.push(db);
    const store = new ProfilesStore(db);
    store.create({
      uid: 'u1',
      enabled: false,
      lastSynchronized: 1234,
      user: { username: 'u', roles: [], realm: { name: 'default_native', type: 'native', node_name: 'n' }, email: null, full_name: null },
      labels: { kibana: { spaces: ['a'] } },
      applicationData: {},
    });
    return { store, profiles: new ProfileService(store, (fn) => db.transaction(fn).immediate()) };
  }


  it('writes labels and data with a new seq_no, keeping enabled and last_synchronized', () => {
    const { store, profiles } = service();
    profiles.updateData('u1', { labels: { kibana: { spaces: ['b'] } }, data: { app: { k: 'v' } } });
    const record = store.get('u1')!;
    expect(record.labels).toEqual({ kibana: { spaces: ['b'] } });
    expect(record.applicationData).toEqual({ app: { k: 'v' } });
    expect(record.seqNo).toBe(1);
    expect(record.enabled).toBe(false);
    expect(record.lastSynchronized).toBe(1234);
  });

  it('checks existence, then the condition, then writes only on change', () => {
    const { store, profiles } = service();
    expect(thrownEsError(() => profiles.updateData('nope', { labels: { a: 1 } }, { ifSeqNo: 0, ifPrimaryTerm: 1 })).type).toBe(
      'document_missing_exception',
    );
    const conflict = thrownEsError(() => profiles.updateData('u1', { labels: { a: 1 } }, { ifSeqNo: 5, ifPrimaryTerm: 1 }));
    expect(conflict.status).toBe(409);
    expect(conflict.reason).toBe(
      '[profile_u1]: version conflict, required seqNo [5], primary term [1]. current document has seqNo [0] and primary term [1]',
    );
    // A matching condition with nothing to change is still a noop.
    profiles.updateData('u1', { labels: { kibana: { spaces: ['a'] } } }, { ifSeqNo: 0, ifPrimaryTerm: 1 });
    expect(store.get('u1')!.seqNo).toBe(0);
    profiles.updateData('u1', { labels: { kibana: { spaces: ['c'] } } }, { ifSeqNo: 0, ifPrimaryTerm: 1 });
    expect(store.get('u1')!.seqNo).toBe(1);
    const invalid = thrownEsError(() => profiles.updateData('u1', { labels: { a: 1 } }, { ifSeqNo: 1, ifPrimaryTerm: -1 }));
    expect(invalid.reason).toBe('Validation Failed: 1: ifSeqNo is set, but primary term is [0];');
  });
});
