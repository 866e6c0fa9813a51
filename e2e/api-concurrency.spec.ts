import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { Client } from '@elastic/elasticsearch';
import { startServer, type RunningServer } from './support/server';
import { basic, esClient, expectedUid, rawRequest } from './support/es-http';

/**
 * Concurrent first activations of the same users must create exactly one profile per user
 * (compatibility notes §4.2, §4.4): 200 simultaneous requests, 20 new users, 10 requests each.
 */

const ELASTIC_PASSWORD = 'e2e-elastic-password';
const USERS = Array.from({ length: 20 }, (_, i) => `burst-user-${String(i).padStart(2, '0')}`);
const PER_USER = 10;
const passwordOf = (username: string) => `${username}-password`;

let server: RunningServer;
let admin: Client;

test.beforeAll(async () => {
  server = await startServer({ env: { ELASTIC_PASSWORD } });
  admin = esClient(server.url, 'elastic', ELASTIC_PASSWORD);
  await Promise.all(USERS.map((username) => admin.security.putUser({ username, password: passwordOf(username), roles: ['viewer'], full_name: `Burst ${username}` })));
});

test.afterAll(async () => {
  await admin?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

test('200 concurrent activations of 20 new users: all 200, exactly one profile per user', async () => {
  test.setTimeout(120_000);
  const authorization = basic('elastic', ELASTIC_PASSWORD);
  // Interleave the users so that the requests for one user are spread over the whole burst.
  const requests = Array.from({ length: PER_USER }, () => USERS).flat();
  expect(requests).toHaveLength(200);

  const responses = await Promise.all(
    requests.map(async (username) => {
      const response = await rawRequest(server.url, '/_security/profile/_activate', {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'password', username, password: passwordOf(username) }),
        timeoutMs: 60_000,
      });
      return { username, status: response.status, body: response.json() };
    }),
  );

  const failures = responses.filter((r) => r.status !== 200);
  expect(failures.map((f) => `${f.username}: ${f.status} ${JSON.stringify(f.body)}`)).toEqual([]);

  // Each answer names its own user, with the uid computed from the username.
  for (const { username, body } of responses) {
    expect(body.user.username).toBe(username);
    expect(body.uid).toBe(expectedUid(username));
  }
  const uids = new Set(responses.map((r) => r.body.uid as string));
  expect(uids.size).toBe(20);
  expect([...uids].sort()).toEqual(USERS.map((u) => expectedUid(u)).sort());

  // GET of each uid: exactly one profile, that user's.
  for (const username of USERS) {
    const got = await admin.security.getUserProfile({ uid: expectedUid(username) });
    expect(got.errors).toBeUndefined();
    expect(got.profiles).toHaveLength(1);
    expect(got.profiles[0].user.username).toBe(username);
    expect(got.profiles[0].enabled).toBe(true);
  }

  // No second profile was created for any user: the next differentiator is free for all of them.
  const seconds = await admin.security.getUserProfile({ uid: USERS.map((u) => expectedUid(u, 1)) });
  expect(seconds.profiles).toEqual([]);
  expect(seconds.errors?.count).toBe(20);

  // Every profile document was written once: 20 creations took 20 distinct sequence numbers,
  // and all answers for one user carry that user's single document version.
  const all = await admin.security.getUserProfile({ uid: [...uids] });
  expect(all.profiles).toHaveLength(20);
  expect(new Set(all.profiles.map((p) => p._doc._seq_no)).size).toBe(20);
  for (const profile of all.profiles) {
    const answers = responses.filter((r) => r.username === profile.user.username);
    expect(answers).toHaveLength(PER_USER);
    for (const answer of answers) expect(answer.body._doc).toEqual(profile._doc);
  }
});

test('concurrent activations through the official client agree on one uid per user', async () => {
  const results = await Promise.all(
    USERS.slice(0, 5).flatMap((username) =>
      Array.from({ length: 4 }, () => admin.security.activateUserProfile({ grant_type: 'password', username, password: passwordOf(username) })),
    ),
  );
  const byUser = new Map<string, Set<string>>();
  for (const profile of results) {
    const set = byUser.get(profile.user.username) ?? new Set<string>();
    set.add(profile.uid);
    byUser.set(profile.user.username, set);
  }
  expect(byUser.size).toBe(5);
  for (const [username, set] of byUser) expect([...set]).toEqual([expectedUid(username)]);
});
