import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { errors, type estypes } from '@elastic/elasticsearch';
import { startServer, tempDataDir, type RunningServer } from './support/server';
import { esClient, expectedUid } from './support/es-http';

/**
 * The embedded store survives a restart, and the `elastic` bootstrap password: generated and
 * printed once on first start when ELASTIC_PASSWORD is unset, never printed again, and
 * ELASTIC_PASSWORD only matters on first start.
 */

const running: RunningServer[] = [];
let dataDir: string;

async function start(env: Record<string, string>): Promise<RunningServer> {
  const server = await startServer({ dataDir, env });
  running.push(server);
  return server;
}

/** The generated password from the first-start banner ("... superuser "elastic": <blank line> <password>"). */
function generatedPassword(output: string): string | undefined {
  return /password was generated for the reserved superuser "elastic":\s*\n\s*\n?\s*(\S+)/i.exec(output)?.[1];
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof errors.ResponseError) return error.meta.statusCode ?? 0;
    throw error;
  }
}

test.beforeAll(() => {
  dataDir = tempDataDir('profile-console-restart-');
});

test.afterAll(async () => {
  for (const server of running) await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('profiles, users and the elastic password survive a restart; the generated password is printed only once', async () => {
  test.setTimeout(120_000);

  // First start without ELASTIC_PASSWORD (empty counts as unset, whatever the outer environment holds).
  const first = await start({ ELASTIC_PASSWORD: '' });
  const password = generatedPassword(first.output());
  expect(password, `first-start output:\n${first.output()}`).toBeDefined();
  expect(password!.length).toBeGreaterThanOrEqual(16);
  expect(first.output().split(password!).length - 1).toBe(1); // printed exactly once
  // The example names the port this server listens on, not a fixed 3000.
  expect(first.output()).toContain(`curl -u elastic ${first.url.replace(/\/$/, '')}/_security/_authenticate`);

  const admin1 = esClient(first.url, 'elastic', password!);
  let activated: estypes.SecurityActivateUserProfileResponse;
  let disabledProfile: estypes.SecurityUserProfileWithMetadata;
  try {
    expect((await admin1.security.authenticate()).username).toBe('elastic');
    await admin1.security.putUser({ username: 'joe', password: 's3krit-password', roles: ['superuser'], full_name: 'Bazooka Joe', email: 'joe@bazooka.gum' });
    await admin1.security.putUser({ username: 'zoe', password: 'zoe-password', roles: ['viewer'] });
    activated = await admin1.security.activateUserProfile({ grant_type: 'password', username: 'joe', password: 's3krit-password' });
    expect(activated.uid).toBe(expectedUid('joe'));
    const zoe = await admin1.security.activateUserProfile({ grant_type: 'password', username: 'zoe', password: 'zoe-password' });
    await admin1.security.disableUserProfile({ uid: zoe.uid });
    disabledProfile = (await admin1.security.getUserProfile({ uid: zoe.uid })).profiles[0];
    await admin1.security.putRole({ name: 'profile_manager', cluster: ['manage_user_profile'] });
  } finally {
    await admin1.close();
  }
  await first.stop();

  // Second start on the same data directory, now with ELASTIC_PASSWORD set: it must be ignored.
  const second = await start({ ELASTIC_PASSWORD: 'a-new-bootstrap-password' });
  expect(second.output()).not.toContain(password!);
  expect(second.output()).not.toMatch(/password was generated/i);
  expect(second.output()).toContain('ELASTIC_PASSWORD is only used on the first start');
  expect(second.output()).not.toContain('a-new-bootstrap-password');

  const admin2 = esClient(second.url, 'elastic', password!);
  try {
    expect((await admin2.security.authenticate()).username).toBe('elastic');
    const ignored = esClient(second.url, 'elastic', 'a-new-bootstrap-password');
    expect(await statusOf(ignored.security.authenticate())).toBe(401);
    await ignored.close();

    // The profiles read back exactly as before, including the disabled state and versioning.
    const joe = await admin2.security.getUserProfile({ uid: activated.uid });
    expect(joe).toEqual({ profiles: [activated] });
    const zoe = await admin2.security.getUserProfile({ uid: disabledProfile.uid });
    expect(zoe).toEqual({ profiles: [disabledProfile] });
    expect(zoe.profiles[0].enabled).toBe(false);

    // Users and roles too; re-activation finds the stored profile (same uid, no second profile).
    expect((await admin2.security.getUser({ username: 'joe' })).joe.full_name).toBe('Bazooka Joe');
    expect(Object.keys(await admin2.security.getRole({ name: 'profile_manager' }))).toEqual(['profile_manager']);
    const again = await admin2.security.activateUserProfile({ grant_type: 'password', username: 'joe', password: 's3krit-password' });
    expect(again.uid).toBe(activated.uid);
    const duplicates = await admin2.security.getUserProfile({ uid: expectedUid('joe', 1) });
    expect(duplicates.profiles).toEqual([]);
    // New writes continue the sequence numbers of the stored documents.
    const zoeAgain = await admin2.security.activateUserProfile({ grant_type: 'password', username: 'zoe', password: 'zoe-password' });
    expect(zoeAgain.uid).toBe(disabledProfile.uid);
    expect(zoeAgain.enabled).toBe(true);
    expect(zoeAgain._doc._seq_no).toBeGreaterThan(disabledProfile._doc._seq_no);
  } finally {
    await admin2.close();
  }
});

test('ELASTIC_PASSWORD set on first start is used, and no password is printed', async () => {
  // A fresh data directory of its own.
  const own = tempDataDir('profile-console-bootstrap-');
  const server = await startServer({ dataDir: own, env: { ELASTIC_PASSWORD: 'chosen-bootstrap-pw' } });
  running.push(server);
  const admin = esClient(server.url, 'elastic', 'chosen-bootstrap-pw');
  try {
    expect((await admin.security.authenticate()).username).toBe('elastic');
    expect(server.output()).not.toMatch(/password was generated/i);
    expect(server.output()).not.toContain('chosen-bootstrap-pw');
  } finally {
    await admin.close();
    await server.stop();
    fs.rmSync(own, { recursive: true, force: true });
  }
});

test('a DATA_DIR that cannot be written stops the server at start with a message naming it', async () => {
  const parent = tempDataDir();
  const blocker = `${parent}/not-a-directory`;
  fs.writeFileSync(blocker, 'a file where the data directory should be');
  try {
    const failure = await startServer({ dataDir: `${blocker}/data`, timeoutMs: 15_000 }).then(
      async (server) => {
        await server.stop();
        return undefined;
      },
      (error: Error) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure?.message).toContain('server exited with 1');
    expect(failure?.message).toContain(`Profile Console cannot start: DATA_DIR [${blocker}/data] is not a writable directory`);
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
});
