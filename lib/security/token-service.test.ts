import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '@/lib/store/database';
import { TokensStore } from '@/lib/store/tokens-store';
import type { Authentication } from './authentication';
import { InvalidGrantError, REFRESH_TOKEN_TTL_MS, TokenService } from './token-service';

const joe: Authentication = {
  user: { username: 'joe', roles: ['viewer'], fullName: 'Joe', email: null, metadata: {}, enabled: true },
  authenticatingRealm: { name: 'default_native', type: 'native', nodeName: 'n1' },
  authenticationType: 'realm',
  subjectType: 'user',
};
const client: Authentication = { ...joe, user: { ...joe.user, username: 'kibana_system', roles: ['kibana_system'] }, authenticatingRealm: { name: 'reserved', type: 'reserved', nodeName: 'n1' } };

let dir: string;
let db: SqliteDatabase;
let now: number;
let tokens: TokenService;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-tokens-'));
  db = openDatabase(dir);
  now = 1_700_000_000_000;
  tokens = new TokenService(new TokensStore(db), 60_000, () => now);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function rowCount(): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM tokens').get() as { n: number }).n;
}

describe('TokenService', () => {
  it('stores only hashes of the tokens it issues', () => {
    const issued = tokens.createToken(joe, client, true);
    const stored = JSON.stringify(db.prepare('SELECT * FROM tokens').all());
    expect(stored).not.toContain(issued.accessToken);
    expect(stored).not.toContain(issued.refreshToken);
    expect(issued.accessToken).not.toContain('.');
  });

  it('an access token is valid until its lifetime ends, then expired', () => {
    const issued = tokens.createToken(joe, client, true);
    expect(tokens.checkAccessToken(issued.accessToken)).toMatchObject({ kind: 'valid', authentication: { user: { username: 'joe' }, authenticationType: 'token' } });
    now += 59_999;
    expect(tokens.checkAccessToken(issued.accessToken).kind).toBe('valid');
    now += 1;
    expect(tokens.checkAccessToken(issued.accessToken).kind).toBe('expired');
    expect(tokens.checkAccessToken('bm90IGEgdG9rZW4gd2UgaXNzdWVkIGF0IGFsbA==').kind).toBe('invalid');
  });

  it('refreshes once; a reuse within 30 s returns the same pair, later it fails', () => {
    const issued = tokens.createToken(joe, client, true);
    const first = tokens.refresh(issued.refreshToken as string, client);
    now += 29_000;
    const again = tokens.refresh(issued.refreshToken as string, client);
    expect(again.accessToken).toBe(first.accessToken);
    expect(again.refreshToken).toBe(first.refreshToken);
    now += 2_000;
    expect(() => tokens.refresh(issued.refreshToken as string, client)).toThrow(
      new InvalidGrantError('token has already been refreshed more than 30 seconds in the past'),
    );
    // The new pair works and refreshes in its turn.
    expect(tokens.checkAccessToken(first.accessToken).kind).toBe('valid');
    expect(tokens.refresh(first.refreshToken as string, client).accessToken).not.toBe(first.accessToken);
  });

  it('only the creating client may refresh, and not after 24 hours', () => {
    const issued = tokens.createToken(joe, client, true);
    expect(() => tokens.refresh(issued.refreshToken as string, joe)).toThrow('tokens must be refreshed by the creating client');
    now += REFRESH_TOKEN_TTL_MS;
    expect(() => tokens.refresh(issued.refreshToken as string, client)).toThrow('refresh token is expired');
  });

  it('purges fully expired tokens in bounded batches, keeping refreshable ones', () => {
    for (let i = 0; i < 5; i++) tokens.createToken(joe, client, false);
    const refreshable = tokens.createToken(joe, client, true);
    now += 60_001;
    expect(tokens.purgeExpired(3)).toBe(3);
    expect(tokens.purgeExpired(3)).toBe(2);
    expect(tokens.purgeExpired(3)).toBe(0);
    expect(rowCount()).toBe(1);
    // The refresh token outlives the access token and still works.
    expect(tokens.refresh(refreshable.refreshToken as string, client).accessToken).toBeTruthy();
    now += REFRESH_TOKEN_TTL_MS + 1;
    expect(tokens.purgeExpired(10)).toBe(2);
    expect(rowCount()).toBe(0);
  });

  it('invalidation by user counts access and refresh parts, once', () => {
    tokens.createToken(joe, client, true);
    tokens.createToken(joe, client, false);
    expect(tokens.invalidateByOwner('joe', undefined)).toEqual({ invalidated: 3, previouslyInvalidated: 0 });
    expect(tokens.invalidateByOwner('joe', undefined)).toEqual({ invalidated: 0, previouslyInvalidated: 0 });
  });
});
