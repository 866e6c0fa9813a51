import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '@/lib/store/database';
import { TokensStore } from '@/lib/store/tokens-store';
import type { Authentication, RealmRef, User } from './authentication';
import { runAs } from './authentication';
import { TokenService } from './token-service';

/**
 * Whose a token is and who may refresh it, by effective subject (Elasticsearch's
 * TokenService.createTokenDocument and checkClientCanRefresh -> Subject.canAccessResourcesOf).
 */

const NATIVE: RealmRef = { name: 'default_native', type: 'native', nodeName: 'n1' };
const RESERVED: RealmRef = { name: 'reserved', type: 'reserved', nodeName: 'n1' };
const LDAP: RealmRef = { name: 'ldap1', type: 'ldap', nodeName: 'n1' };

function user(username: string): User {
  return { username, roles: [], fullName: null, email: null, metadata: {}, enabled: true };
}
function realmAuth(username: string, realm: RealmRef): Authentication {
  return { user: user(username), authenticatingRealm: realm, authenticationType: 'realm', subjectType: 'user' };
}
function apiKeyAuth(id: string, owner: string): Authentication {
  return {
    user: user(owner),
    authenticatingRealm: { name: '_es_api_key', type: '_es_api_key', nodeName: 'n1' },
    authenticationType: 'api_key',
    subjectType: 'api_key',
    apiKey: { id, name: id, roleDescriptors: {}, limitedBy: {}, ownerRealm: { name: 'default_native', type: 'native' } },
  };
}

let dir: string;
let db: SqliteDatabase;
let tokens: TokenService;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-token-clients-'));
  db = openDatabase(dir);
  tokens = new TokenService(new TokensStore(db), 60_000);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const bob = realmAuth('bob', NATIVE);

function refreshableBy(creator: Authentication, refresher: Authentication): boolean {
  const issued = tokens.createToken(bob, creator, true);
  try {
    tokens.refresh(issued.refreshToken as string, refresher);
    return true;
  } catch (error) {
    if ((error as Error).message === 'tokens must be refreshed by the creating client') return false;
    throw error;
  }
}

describe('the client that may refresh', () => {
  it('is the effective subject of the creating client under run-as', () => {
    const elasticAsJoe = runAs(realmAuth('elastic', RESERVED), user('joe'), NATIVE);
    expect(refreshableBy(elasticAsJoe, realmAuth('joe', NATIVE))).toBe(true);
    expect(refreshableBy(elasticAsJoe, realmAuth('elastic', RESERVED))).toBe(false);
    expect(refreshableBy(realmAuth('joe', NATIVE), elasticAsJoe)).toBe(true);
  });

  it('compares native and file realms by type, other realms by type and name', () => {
    expect(refreshableBy(realmAuth('joe', NATIVE), realmAuth('joe', { ...NATIVE, name: 'native2' }))).toBe(true);
    expect(refreshableBy(realmAuth('joe', LDAP), realmAuth('joe', { ...LDAP, name: 'ldap2' }))).toBe(false);
    expect(refreshableBy(realmAuth('joe', LDAP), realmAuth('joe', NATIVE))).toBe(false);
  });

  it('for an API key is that very key: not another key of the owner, not the owner', () => {
    expect(refreshableBy(apiKeyAuth('k1', 'joe'), apiKeyAuth('k1', 'joe'))).toBe(true);
    expect(refreshableBy(apiKeyAuth('k1', 'joe'), apiKeyAuth('k2', 'joe'))).toBe(false);
    expect(refreshableBy(apiKeyAuth('k1', 'joe'), realmAuth('joe', NATIVE))).toBe(false);
    expect(refreshableBy(realmAuth('joe', NATIVE), apiKeyAuth('k1', 'joe'))).toBe(false);
  });

  it('of a token stored with the older client form is its user and authenticating realm name', () => {
    const issued = tokens.createToken(bob, realmAuth('joe', NATIVE), true);
    const row = db.prepare('SELECT id, authentication FROM tokens').get() as { id: string; authentication: string };
    const stored = JSON.parse(row.authentication);
    stored.client = { username: 'joe', realm: 'reserved' };
    db.prepare('UPDATE tokens SET authentication = ? WHERE id = ?').run(JSON.stringify(stored), row.id);
    expect(() => tokens.refresh(issued.refreshToken as string, realmAuth('joe', NATIVE))).toThrow('tokens must be refreshed by the creating client');
    const elasticAsJoe = runAs(realmAuth('elastic', RESERVED), user('joe'), NATIVE);
    expect(tokens.refresh(issued.refreshToken as string, elasticAsJoe).accessToken).toBeTruthy();
  });
});

describe('the owner of a token created under run-as', () => {
  it('is the run-as user in its lookup realm, for invalidation by username and realm', () => {
    const elasticAsJoe = runAs(realmAuth('elastic', RESERVED), user('joe'), NATIVE);
    tokens.createToken(elasticAsJoe, elasticAsJoe, false);
    expect(tokens.invalidateByOwner('elastic', undefined).invalidated).toBe(0);
    expect(tokens.invalidateByOwner(undefined, 'reserved').invalidated).toBe(0);
    expect(tokens.invalidateByOwner('joe', 'default_native').invalidated).toBe(1);
  });
});
