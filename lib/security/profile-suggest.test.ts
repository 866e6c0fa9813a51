import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '@/lib/store/database';
import { ProfilesStore, TERM_EMAIL, TERM_FULL_NAME, TERM_USERNAME, type ProfileUserDoc } from '@/lib/store/profiles-store';
import {
  DEFAULT_SUGGEST_LIMITS,
  nameWords,
  outsideBound,
  suggestProfiles,
  SuggestScorer,
  validateSuggestRequest,
  type SuggestLimits,
  type SuggestRequest,
} from './profile-suggest';
import { ProfileService } from './profiles';

const dirs: string[] = [];
const dbs: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function openStore(): { db: SqliteDatabase; store: ProfilesStore } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'profile-suggest-'));
  dirs.push(dir);
  const db = openDatabase(dir);
  dbs.push(db);
  return { db, store: new ProfilesStore(db) };
}

function user(username: string, fullName: string | null = null, email: string | null = null): ProfileUserDoc {
  return { username, roles: [], realm: { name: 'default_native', type: 'native', node_name: 'n' }, email, full_name: fullName };
}

interface Seed {
  uid: string;
  user: ProfileUserDoc;
  lastSynchronized: number;
  enabled?: boolean;
  labels?: Record<string, unknown>;
}

function seed(store: ProfilesStore, profiles: Seed[]): void {
  for (const p of profiles) {
    store.create({ uid: p.uid, enabled: p.enabled ?? true, lastSynchronized: p.lastSynchronized, user: p.user, labels: p.labels ?? {}, applicationData: {} });
  }
}

const request = (name: string, extra: Partial<SuggestRequest> = {}): SuggestRequest => ({ name, size: 10, dataKeys: [], ...extra });
const uids = (store: ProfilesStore, r: SuggestRequest, limits?: SuggestLimits) => suggestProfiles(store, r, limits).profiles.map((p) => p.uid);

describe('ranking', () => {
  it('ranks exact username > username prefix > full-name word prefix > email prefix, then recency', () => {
    const { store } = openStore();
    seed(store, [
      { uid: 'email', user: user('zed', 'Zed Zulu', 'jo@example.com'), lastSynchronized: 900 },
      { uid: 'name', user: user('xavier', 'Jo Anne'), lastSynchronized: 800 },
      { uid: 'prefix-old', user: user('joanna'), lastSynchronized: 100 },
      { uid: 'prefix-new', user: user('johnny'), lastSynchronized: 700 },
      { uid: 'exact', user: user('jo'), lastSynchronized: 1 },
      { uid: 'none', user: user('bob', 'Bob Smith', 'bob@jo.example'), lastSynchronized: 1000 },
    ]);
    expect(uids(store, request('jo'))).toEqual(['exact', 'prefix-new', 'prefix-old', 'name', 'email']);
    expect(suggestProfiles(store, request('jo')).total).toEqual({ value: 5, relation: 'eq' });
  });

  it('is case-insensitive (Unicode), matches each full-name word and its hyphen parts, and adds up words', () => {
    const { store } = openStore();
    seed(store, [
      { uid: 'jack-n', user: user('jacknich', 'Jack Nicholson'), lastSynchronized: 1 },
      { uid: 'jack-s', user: user('jsmith', 'Jack Smith'), lastSynchronized: 2 },
      { uid: 'olaf', user: user('olaf', 'Ölaf Åberg'), lastSynchronized: 3 },
      { uid: 'jean', user: user('jl', 'Jean-Luc Picard'), lastSynchronized: 4 },
    ]);
    expect(uids(store, request('JACK NICH'))).toEqual(['jack-n', 'jack-s']);
    expect(uids(store, request('öL'))).toEqual(['olaf']);
    expect(uids(store, request('åb'))).toEqual(['olaf']);
    expect(uids(store, request('luc'))).toEqual(['jean']);
    expect(uids(store, request('jean-l'))).toEqual(['jean']);
    expect(uids(store, request('  '))).toHaveLength(4);
  });

  it('applies hints as boosts inside a score level, never across levels, and never as filters', () => {
    const { store } = openStore();
    seed(store, [
      { uid: 'a', user: user('ann1'), lastSynchronized: 30, labels: { kibana: { spaces: ['default'] } } },
      { uid: 'b', user: user('ann2'), lastSynchronized: 20, labels: { kibana: { spaces: ['default', 'ops'] } } },
      { uid: 'c', user: user('ann3'), lastSynchronized: 10 },
      { uid: 'exact', user: user('ann'), lastSynchronized: 5 },
      { uid: 'other', user: user('bob'), lastSynchronized: 99, labels: { kibana: { spaces: 'ops' } } },
    ]);
    expect(uids(store, request('ann'))).toEqual(['exact', 'a', 'b', 'c']);
    expect(uids(store, request('ann', { hint: { uids: ['c'] } }))).toEqual(['exact', 'c', 'a', 'b']);
    expect(uids(store, request('ann', { hint: { labels: { 'kibana.spaces': ['ops'] } } }))).toEqual(['exact', 'b', 'a', 'c']);
    expect(uids(store, request('ann', { hint: { uids: ['c', 'b'], labels: { 'kibana.spaces': ['ops'] } } }))).toEqual(['exact', 'b', 'c', 'a']);
    // The hinted profile that does not match the name stays out.
    expect(uids(store, request('ann', { hint: { uids: ['other'] } }))).not.toContain('other');
    // With no name every enabled profile matches and hints come first.
    expect(uids(store, request('', { hint: { labels: { 'kibana.spaces': ['ops'] } } }))).toEqual(['other', 'b', 'a', 'c', 'exact']);
  });

  it('boosts only label holders when the label hint is too large to list (probed in SQL)', () => {
    const { store } = openStore();
    const spaces = (s: string[]) => ({ kibana: { spaces: s } });
    seed(store, [
      { uid: 'plain', user: user('ann'), lastSynchronized: 10 },
      { uid: 'labelled', user: user('ann'), lastSynchronized: 5, labels: spaces(['s1']) },
      { uid: 'prefix', user: user('anna'), lastSynchronized: 20, labels: spaces(['s1']) },
      { uid: 'other', user: user('annie'), lastSynchronized: 1, labels: spaces(['s1']) },
    ]);
    const r = request('ann', { size: 2, hint: { labels: { 'kibana.spaces': ['s1'] } } });
    for (const limits of [DEFAULT_SUGGEST_LIMITS, { fetchLimit: 1, maxWalk: 100, labelLimit: 1 }]) {
      expect(uids(store, r, limits), JSON.stringify(limits)).toEqual(['labelled', 'plain']);
    }
  });

  it('returns the profile view with data chosen by data keys', () => {
    const { store } = openStore();
    store.create({
      uid: 'u1',
      enabled: true,
      lastSynchronized: 1,
      user: user('joe', 'Bazooka Joe', 'joe@bazooka.gum'),
      labels: { l: 1 },
      applicationData: { app1: { a: 1 }, app2: { b: 2 } },
    });
    const response = suggestProfiles(store, request('joe', { dataKeys: ['app2'] }));
    expect(response.profiles).toEqual([
      {
        uid: 'u1',
        user: { username: 'joe', roles: [], realm_name: 'default_native', email: 'joe@bazooka.gum', full_name: 'Bazooka Joe' },
        labels: { l: 1 },
        data: { app2: { b: 2 } },
      },
    ]);
  });
});

describe('the search index follows every write', () => {
  it('drops disabled profiles, restores re-enabled ones, and follows user and label changes', () => {
    const { db, store } = openStore();
    const service = new ProfileService(store, (fn) => db.transaction(fn).immediate());
    seed(store, [{ uid: 'u1', user: user('alice', 'Alice Liddell', 'alice@wonder.land'), lastSynchronized: 1 }]);
    expect(uids(store, request('lid'))).toEqual(['u1']);
    service.setEnabled('u1', false);
    expect(suggestProfiles(store, request('alice'))).toMatchObject({ total: { value: 0, relation: 'eq' }, profiles: [] });
    expect(suggestProfiles(store, request(''))).toMatchObject({ total: { value: 0, relation: 'eq' }, profiles: [] });
    service.setEnabled('u1', true);
    expect(uids(store, request('alice'))).toEqual(['u1']);

    store.updateUser('u1', user('alice', 'Alice Kingsleigh', null), 50);
    expect(uids(store, request('lid'))).toEqual([]);
    expect(uids(store, request('kings'))).toEqual(['u1']);
    expect(uids(store, request('alice@wonder'))).toEqual([]);

    service.updateData('u1', { labels: { team: ['red'] } });
    const hinted = (values: string[]) => suggestProfiles(store, request('', { hint: { labels: { team: values } } }), { fetchLimit: 0, maxWalk: 0 });
    expect(hinted(['red']).profiles.map((p) => p.uid)).toEqual(['u1']);
    service.updateData('u1', { labels: { team: ['blue'] } });
    expect(store.labelHits('team', ['red'], 10)).toEqual([]);
    expect(store.labelHits('team', ['blue'], 10)).toEqual([{ id: store.idOf('u1'), term: 'blue', lastSynchronized: 50 }]);
    expect(store.termHits(TERM_FULL_NAME, 'kingsleigh', 10)).toEqual([{ id: store.idOf('u1'), term: 'kingsleigh', lastSynchronized: 50 }]);
    expect(store.termHits(TERM_EMAIL, 'alice@wonder.land', 10)).toEqual([]);
    expect(store.termHits(TERM_USERNAME, 'alice', 10)).toHaveLength(1);
  });
});

describe('validation', () => {
  it('returns Elasticsearch\'s messages in order', () => {
    expect(validateSuggestRequest(request('', { size: -3 }))).toEqual(['[size] parameter cannot be negative but was [-3]']);
    expect(validateSuggestRequest(request('', { hint: {} }))).toEqual(['[hint] parameter cannot be empty']);
    expect(validateSuggestRequest(request('', { hint: { uids: [], labels: { a: [], b: ['x'] } } }))).toEqual([
      '[uids] hint cannot be empty',
      '[labels] hint supports a single key, got [a,b]',
    ]);
    expect(validateSuggestRequest(request('', { hint: { labels: { 'x*': [] } } }))).toEqual([
      '[labels] hint key cannot contain wildcard',
      '[labels] hint value cannot be empty',
    ]);
    expect(validateSuggestRequest(request('x', { hint: { uids: ['u'] } }))).toEqual([]);
  });

  it('splits names on whitespace, lower-cased and de-duplicated', () => {
    expect(nameWords('  Jack  JACK\tnich ')).toEqual(['jack', 'nich']);
    expect(nameWords('')).toEqual([]);
  });

  it('drops the punctuation around words, as the standard analyzer does, but keeps what is inside them', () => {
    expect(nameWords('bob* (bob) bob! "bob."')).toEqual(['bob']);
    expect(nameWords('*** ?')).toEqual([]);
    expect(nameWords('jack.nich joe@example.com _team_bot Zoë')).toEqual(['jack.nich', 'joe@example.com', '_team_bot', 'zoë']);
  });

  it('bounds what a profile outside every fetched source can score', () => {
    const large = (entries: Array<[number, number]>) => new Map(entries as Array<[1 | 2 | 3, number]>);
    // One username cannot start with both "james" and "s"; a name word and a username can.
    expect(outsideBound(['james', 's'], [large([[1, 50], [2, 30]]), large([[1, 50], [2, 30]])])).toBe(80);
    // "jo" and "john" can both be prefixes of the same username.
    expect(outsideBound(['jo', 'john'], [large([[1, 50]]), large([[1, 50]])])).toBe(100);
    expect(outsideBound(['a'], [large([])])).toBe(0);
  });
});

describe('total', () => {
  it('counts up to 10,000 exactly, then reports {10000, gte}', () => {
    const { db, store } = openStore();
    db.transaction(() => {
      for (let i = 0; i < 10_050; i++) store.create({ uid: `u${i}`, enabled: true, lastSynchronized: i, user: user(`user${i}`), labels: {}, applicationData: {} });
    })();
    expect(suggestProfiles(store, request('user')).total).toEqual({ value: 10_000, relation: 'gte' });
    expect(suggestProfiles(store, request('')).total).toEqual({ value: 10_000, relation: 'gte' });
    expect(suggestProfiles(store, request('user1')).total).toEqual({ value: 1 + 10 + 100 + 1000 + 50, relation: 'eq' });
    expect(uids(store, request('user'))).toEqual(['u10049', 'u10048', 'u10047', 'u10046', 'u10045', 'u10044', 'u10043', 'u10042', 'u10041', 'u10040']);
    expect(uids(store, request('user5'))[0]).toBe('u5');
  });
});

// ---------------------------------------------------------------------------------------------
// The bounded algorithm against a full scan, on random stores, with limits that force large
// sources, the recency walk and its fallback.

function mulberry32(seedValue: number): () => number {
  let a = seedValue;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['ann', 'anna', 'annie', 'bob', 'bobby', 'carl', 'carla', 'dan', 'dana', 'jo', 'john', 'johanna'];
const LAST = ['smith', 'smythe', 'jones', 'johnson', 'lee', 'leeds', 'ann', 'bobson'];

function randomStore(seedValue: number, count: number) {
  const rnd = mulberry32(seedValue);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const { store } = openStore();
  const all: string[] = [];
  for (let i = 0; i < count; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const r = rnd();
    const username = r < 0.05 ? first : r < 0.5 ? `${first}.${last}${i}` : `${last}${i}`;
    const spaces = ['default', 's1', 's2'].filter(() => rnd() < 0.4);
    store.create({
      uid: `u${i}`,
      enabled: rnd() > 0.1,
      lastSynchronized: Math.floor(rnd() * 40), // many ties
      user: user(username, rnd() < 0.8 ? `${first[0].toUpperCase()}${first.slice(1)} ${last}` : null, rnd() < 0.7 ? `${first}.${last}@ex.com` : null),
      labels: spaces.length > 0 ? { kibana: { spaces } } : {},
      applicationData: {},
    });
    all.push(`u${i}`);
  }
  return { store, all };
}

function bruteForce(store: ProfilesStore, r: SuggestRequest) {
  const scorer = new SuggestScorer(nameWords(r.name), r.hint);
  const matches: Array<{ uid: string; id: number; score: number; lastSynchronized: number }> = [];
  for (const row of store.enabledByRecency()) {
    const score = scorer.score(row);
    if (score !== undefined) matches.push({ uid: row.uid, id: row.id, score, lastSynchronized: row.lastSynchronized });
  }
  matches.sort((a, b) => b.score - a.score || b.lastSynchronized - a.lastSynchronized || a.id - b.id);
  return { total: matches.length, uids: matches.slice(0, r.size).map((m) => m.uid), scores: new Map(matches.map((m) => [m.uid, m])) };
}

const QUERIES = ['a', 'an', 'ann', 'anna', 'b', 'bob', 'j', 'jo', 'john', 's', 'sm', 'smith', 'lee', 'x', 'ann s', 'jo smith', 'a b', 'ann.smith', 'ex.com', '', 'JO', 'dan lee', 'jo john'];

describe('bounded suggest equals a full scan', () => {
  const hints = (all: string[]): Array<SuggestRequest['hint']> => [
    undefined,
    { uids: [all[3], all[7], all[11], 'missing'] },
    { labels: { 'kibana.spaces': ['s1'] } },
    { labels: { 'kibana.spaces': ['default', 's2'] } },
    { uids: [all[5]], labels: { 'kibana.spaces': ['s2'] } },
  ];

  it('always, when the walk may run to the end (large sources + walk)', { timeout: 120_000 }, () => {
    for (const seedValue of [1, 2]) {
      const { store, all } = randomStore(seedValue, 300);
      for (const name of QUERIES) {
        for (const hint of hints(all)) {
          const everything = bruteForce(store, request(name, { size: 10_000, hint }));
          for (const size of [1, 6, 25]) {
            const r = request(name, { size, hint });
            const expected = { total: everything.total, uids: everything.uids.slice(0, size) };
            for (const limits of [DEFAULT_SUGGEST_LIMITS, { fetchLimit: 3, maxWalk: 1_000_000, labelLimit: 2 }, { fetchLimit: 40, maxWalk: 1_000_000 }]) {
              const actual = suggestProfiles(store, r, limits);
              const label = `seed ${seedValue} name ${JSON.stringify(name)} size ${size} hint ${JSON.stringify(hint)} limits ${JSON.stringify(limits)}`;
              expect(actual.profiles.map((p) => p.uid), label).toEqual(expected.uids);
              expect(actual.total, label).toEqual({ value: expected.total, relation: 'eq' });
            }
          }
        }
      }
    }
  });

  it('for one-word names without a label hint, also when the walk gives up (ranked range fallback)', { timeout: 120_000 }, () => {
    for (const seedValue of [4, 5]) {
      const { store, all } = randomStore(seedValue, 400);
      for (const name of QUERIES.filter((q) => nameWords(q).length === 1)) {
        for (const hint of [undefined, { uids: [all[2], all[9]] }]) {
          for (const size of [1, 5, 25]) {
            const r = request(name, { size, hint });
            const expected = bruteForce(store, r);
            for (const limits of [{ fetchLimit: 3, maxWalk: 1 }, { fetchLimit: 10, maxWalk: 7 }]) {
              const label = `seed ${seedValue} name ${JSON.stringify(name)} size ${size} hint ${JSON.stringify(hint)} limits ${JSON.stringify(limits)}`;
              expect(uids(store, r, limits), label).toEqual(expected.uids);
            }
          }
        }
      }
    }
  });

  it('otherwise returns correctly ordered matches, and some whenever there are matches', { timeout: 120_000 }, () => {
    const { store, all } = randomStore(6, 400);
    for (const name of QUERIES) {
      for (const hint of hints(all)) {
        const r = request(name, { size: 10, hint });
        const expected = bruteForce(store, r);
        const actual = uids(store, r, { fetchLimit: 3, maxWalk: 2, labelLimit: 2 });
        const label = `name ${JSON.stringify(name)} hint ${JSON.stringify(hint)}`;
        expect(new Set(actual).size, label).toBe(actual.length);
        expect(actual.length > 0, label).toBe(expected.total > 0);
        const ranked = actual.map((uid) => expected.scores.get(uid));
        expect(ranked.every((m) => m !== undefined), label).toBe(true);
        for (let i = 1; i < ranked.length; i++) {
          const [a, b] = [ranked[i - 1]!, ranked[i]!];
          expect(b.score - a.score || b.lastSynchronized - a.lastSynchronized || a.id - b.id, label).toBeLessThan(0);
        }
      }
    }
  });
});
