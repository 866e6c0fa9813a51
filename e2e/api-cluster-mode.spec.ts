import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { esClient, expectedUid, rawRequest, basic } from './support/es-http';
import { startServer, type RunningServer } from './support/server';

/**
 * In front of a cluster (ELASTICSEARCH_URL), this server's Elasticsearch API forwards to it and
 * opens no embedded store. The "cluster" here is a second Profile Console on its embedded store:
 * it answers as Elasticsearch does, and what it holds shows the calls really reached it.
 */
const CLUSTER_PASSWORD = 'cluster-elastic-password';
const running: RunningServer[] = [];

test.afterAll(async () => {
  for (const server of running) await server.stop();
  for (const server of running) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

test('with ELASTICSEARCH_URL, the API paths forward to the cluster and no embedded store is opened', async () => {
  test.setTimeout(120_000);
  const cluster = await startServer({ env: { ELASTIC_PASSWORD: CLUSTER_PASSWORD } });
  running.push(cluster);
  const clusterAdmin = esClient(cluster.url, 'elastic', CLUSTER_PASSWORD);
  const consoleKey = await clusterAdmin.security.createApiKey({ name: 'profile-console' });

  const front = await startServer({
    env: { ELASTICSEARCH_URL: cluster.url, ELASTICSEARCH_API_KEY: consoleKey.encoded, ELASTIC_PASSWORD: '' },
  });
  running.push(front);
  const viaFront = esClient(front.url, 'elastic', CLUSTER_PASSWORD);
  try {
    // The official client through this server, with the cluster's credentials.
    expect((await viaFront.security.authenticate()).username).toBe('elastic');
    await viaFront.security.putUser({ username: 'jacknich', password: 'l0ng-r4nd0m-p@ssw0rd', roles: ['viewer'] });
    const profile = await viaFront.security.activateUserProfile({ grant_type: 'password', username: 'jacknich', password: 'l0ng-r4nd0m-p@ssw0rd' });
    expect(profile.uid).toBe(expectedUid('jacknich'));

    // The cluster holds what was written through this server.
    const stored = await clusterAdmin.security.getUserProfile({ uid: profile.uid });
    expect(stored.profiles.map((p) => p.user.username)).toEqual(['jacknich']);

    // Errors are the cluster's own, byte for byte.
    for (const [method, path] of [
      ['GET', '/_no_such_api'],
      ['DELETE', '/_security/profile/_activate'],
    ] as const) {
      const direct = await rawRequest(cluster.url, path, { method, headers: { authorization: basic('elastic', CLUSTER_PASSWORD) } });
      const forwarded = await rawRequest(front.url, path, { method, headers: { authorization: basic('elastic', CLUSTER_PASSWORD) } });
      expect(forwarded.status).toBe(direct.status);
      expect(forwarded.text).toBe(direct.text);
      expect(forwarded.header('x-elastic-product')).toBe('Elasticsearch');
    }
    const wrongPassword = await rawRequest(front.url, '/_security/_authenticate', { headers: { authorization: basic('elastic', 'wrong') } });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.header('www-authenticate')).toContain('Basic realm="security"');
  } finally {
    await viaFront.close();
    await clusterAdmin.close();
  }

  // No embedded store: nothing written under DATA_DIR, no bootstrap password generated.
  expect(fs.readdirSync(front.dataDir)).toEqual([]);
  expect(front.output()).not.toMatch(/password was generated/i);

  // A cluster that is gone: Elasticsearch's error shape, 502, never a hang or an HTML page.
  await cluster.stop();
  const down = await rawRequest(front.url, '/_security/_authenticate', { headers: { authorization: basic('elastic', CLUSTER_PASSWORD) } });
  expect(down.status).toBe(502);
  expect(down.json().error.type).toBe('connect_exception');
  expect(down.json().error.reason).toMatch(/^cannot reach the Elasticsearch cluster at \[http:\/\/127\.0\.0\.1:\d+\]: ECONNREFUSED$/);
  expect(down.text).not.toContain(CLUSTER_PASSWORD);
});
