import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actions } from './actions';
import type { Authentication } from './authentication';
import { SecurityEngine } from './engine';
import { EsError } from './errors';
import type { Grant } from './grant';
import { authorizeGrantAuthentication, GRANT_RUN_AS_NOT_SUPPORTED } from './grant-authentication';

/**
 * TransportGrantAction's run-as handling: a grant's `run_as` is applied like the run-as header,
 * a run-as result is authorized for cluster:admin/xpack/security/user/authenticate, and a
 * requested run-as that was not honoured is a 400.
 */

const ACTION = Actions.profileActivate;
const AUTHENTICATE = Actions.userAuthenticate;
let dir: string;
let engine: SecurityEngine;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-grant-run-as-'));
  engine = await SecurityEngine.open({ dataDir: dir, nodeName: 'n1', elasticPassword: 'elastic-password', tokenPurgeIntervalMs: 0 });
  await engine.users.put('joe', { password: 'joe-password', roles: ['viewer'] });
  await engine.users.put('bob', { password: 'bob-password', roles: ['viewer'] });
  await engine.users.put('gone', { password: 'gone-password', roles: [], enabled: false });
});
afterAll(() => {
  engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The grant authenticated and checked as the grant action does it. */
async function grantAuthentication(grant: Grant): Promise<Authentication> {
  const auth = await engine.grants.authenticate(grant, ACTION);
  authorizeGrantAuthentication(auth, grant, engine.authorization);
  return auth;
}

async function failure(grant: Grant): Promise<{ status: number; type: string; reason: string }> {
  try {
    await grantAuthentication(grant);
  } catch (error) {
    if (error instanceof EsError) return { status: error.status, type: error.type, reason: error.reason };
    throw error;
  }
  throw new Error('expected the grant to fail');
}

const password = (username: string, runAs?: string): Grant => ({
  grant_type: 'password',
  username,
  password: `${username}-password`,
  ...(runAs === undefined ? {} : { run_as: runAs }),
});
const elastic = (runAs?: string): Grant => ({ grant_type: 'password', username: 'elastic', password: 'elastic-password', ...(runAs === undefined ? {} : { run_as: runAs }) });

describe('a grant with run_as', () => {
  it('runs as the user when the grant\'s user may: effective user in its own (lookup) realm', async () => {
    const auth = await grantAuthentication(elastic('joe'));
    expect(auth.user.username).toBe('joe');
    expect(auth.authenticatingRealm.name).toBe('reserved');
    expect(auth.lookupRealm?.name).toBe('default_native');
    expect(auth.authenticatingSubject?.user.username).toBe('elastic');
  });

  it('is refused by authorization (403 on the authenticate action) when the grant\'s user may not run as', async () => {
    expect(await failure(password('joe', 'bob'))).toEqual({
      status: 403,
      type: 'security_exception',
      reason: `action [${AUTHENTICATE}] is unauthorized for user [joe] with effective roles [viewer], because user [joe] is unauthorized to run as [bob]`,
    });
  });

  it('an unknown run-as user is refused by authorization, like a known one', async () => {
    expect((await failure(elastic('nobody'))).status).toBe(403);
  });

  it('an empty or disabled run-as user fails the grant\'s authentication', async () => {
    const unable = { status: 401, type: 'security_exception', reason: `unable to authenticate user [elastic] for action [${ACTION}]` };
    expect(await failure(elastic(''))).toEqual(unable);
    expect(await failure(elastic('gone'))).toEqual(unable);
  });

  it('on credentials that do not support run-as (a token created under run-as) is a 400 unless it names the same user', async () => {
    const runAs = await grantAuthentication(elastic('joe'));
    const issued = engine.tokens.createToken(runAs, runAs, false);
    const token = (runAs?: string): Grant => ({ grant_type: 'access_token', access_token: issued.accessToken, ...(runAs === undefined ? {} : { run_as: runAs }) });
    expect(await failure(token('bob'))).toEqual({ status: 400, type: 'status_exception', reason: GRANT_RUN_AS_NOT_SUPPORTED });
    expect((await grantAuthentication(token('joe'))).user.username).toBe('joe');
    expect((await grantAuthentication(token())).lookupRealm?.name).toBe('default_native');
  });

  it('that was ignored (no run-as support at all) is a 400', () => {
    const serviceAccount: Authentication = {
      user: { username: 'elastic/x', roles: [], fullName: null, email: null, metadata: {}, enabled: true },
      authenticatingRealm: { name: '_service_account', type: '_service_account', nodeName: 'n1' },
      authenticationType: 'token',
      subjectType: 'service_account',
    };
    expect(() => authorizeGrantAuthentication(serviceAccount, { grant_type: 'access_token', run_as: 'joe' }, engine.authorization)).toThrow(
      GRANT_RUN_AS_NOT_SUPPORTED,
    );
    expect(() => authorizeGrantAuthentication(serviceAccount, { grant_type: 'access_token' }, engine.authorization)).not.toThrow();
  });
});

describe('a grant without run_as', () => {
  it('stays synchronous for cached credentials and is never authorized again', async () => {
    await grantAuthentication(password('joe'));
    const cached = engine.grants.authenticate(password('joe'), ACTION);
    expect(cached).not.toBeInstanceOf(Promise);
    let authorized = 0;
    authorizeGrantAuthentication(cached as Authentication, password('joe'), { authorize: () => void authorized++ });
    expect(authorized).toBe(0);
  });

  it('a token created under run-as is still authorized: the creator must still be allowed to run as', async () => {
    const runAs = await grantAuthentication(elastic('joe'));
    let checked: string | undefined;
    authorizeGrantAuthentication(runAs, { grant_type: 'access_token', access_token: 'x' }, { authorize: (_auth, action) => void (checked = action) });
    expect(checked).toBe(AUTHENTICATE);
  });
});
