import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUrlFor, forwardToCluster } from './cluster-proxy';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let clusterUrl: string;
const seen: Seen[] = [];

beforeAll(async () => {
  // A stand-in cluster on 127.0.0.1 that records what reached it and answers like Elasticsearch.
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url?.startsWith('/slow')) return; // never answers
      if (req.url?.startsWith('/trickle')) {
        // Headers at once, then the body in pieces over longer than the proxy's deadline.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"part":1');
        setTimeout(() => res.write(',"part2":2'), 250);
        setTimeout(() => res.end('}'), 500);
        return;
      }
      res.writeHead(req.url?.startsWith('/_security/_authenticate') ? 401 : 200, {
        'content-type': 'application/json',
        'x-elastic-product': 'Elasticsearch',
        'www-authenticate': 'Basic realm="security", charset="UTF-8"',
      });
      res.end(JSON.stringify({ echoed: body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  clusterUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('clusterUrlFor', () => {
  it('keeps the path (still encoded) and query, drops a fragment, and honours a path prefix', () => {
    expect(clusterUrlFor('https://es.example.com:9200', 'http://127.0.0.1:3000/_security/user/a%2Fb?pretty#x')).toBe(
      'https://es.example.com:9200/_security/user/a%2Fb?pretty',
    );
    expect(clusterUrlFor('https://proxy.example.com/es/', 'http://127.0.0.1:3000/_security/_authenticate')).toBe(
      'https://proxy.example.com/es/_security/_authenticate',
    );
  });
});

describe('forwardToCluster', () => {
  it('forwards method, path, query, body and the API headers, and answers with the cluster response', async () => {
    const request = new Request('http://127.0.0.1:3000/_security/profile/_activate?pretty', {
      method: 'POST',
      headers: {
        authorization: 'Basic ZWxhc3RpYzpzZWNyZXQ=',
        'content-type': 'application/json',
        cookie: 'next-auth.session-token=console-session',
        'x-opaque-id': 'trace-1',
        expect: '100-continue',
        connection: 'x-hop-only',
        'x-hop-only': 'for this hop',
        'x-forwarded-port': '3000',
      },
      body: '{"grant_type":"password"}',
    });
    const response = await forwardToCluster(request, clusterUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-elastic-product')).toBe('Elasticsearch');
    expect(await response.json()).toEqual({ echoed: '{"grant_type":"password"}' });

    const last = seen[seen.length - 1];
    expect(last.method).toBe('POST');
    expect(last.url).toBe('/_security/profile/_activate?pretty');
    expect(last.headers.authorization).toBe('Basic ZWxhc3RpYzpzZWNyZXQ=');
    expect(last.headers['x-opaque-id']).toBe('trace-1');
    // The console's session cookie stays with this server; hop-by-hop headers stay on this hop.
    expect(last.headers.cookie).toBeUndefined();
    expect(last.headers.expect).toBeUndefined();
    expect(last.headers['x-hop-only']).toBeUndefined();
    expect(last.headers['x-forwarded-port']).toBeUndefined();
    // Uncompressed, so nothing is compressed by the cluster only to be decoded here.
    expect(last.headers['accept-encoding']).toBe('identity');
  });

  it("passes the cluster's errors and challenges through unchanged", async () => {
    const response = await forwardToCluster(new Request('http://127.0.0.1:3000/_security/_authenticate'), clusterUrl);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="security", charset="UTF-8"');
  });

  it('answers 502 in Elasticsearch error shape when the cluster cannot be reached, naming no credentials', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const response = await forwardToCluster(new Request('http://127.0.0.1:3000/_security/_authenticate'), `http://127.0.0.1:${port}`);
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body).toEqual({
      error: {
        root_cause: [{ type: 'connect_exception', reason: `cannot reach the Elasticsearch cluster at [http://127.0.0.1:${port}]: ECONNREFUSED` }],
        type: 'connect_exception',
        reason: `cannot reach the Elasticsearch cluster at [http://127.0.0.1:${port}]: ECONNREFUSED`,
      },
      status: 502,
    });
  });

  it('keeps dot segments from climbing out of a path prefix', async () => {
    for (const path of ['/_x/%2e%2e/%2E%2e/idx/_search', '/_x/../../idx/_search']) {
      await forwardToCluster(new Request(`http://127.0.0.1:3000${path}`), `${clusterUrl}/es`);
      expect(seen[seen.length - 1].url, path).toBe('/es/idx/_search');
    }
  });

  it('lets a response that started in time stream for as long as it takes', async () => {
    const response = await forwardToCluster(new Request('http://127.0.0.1:3000/trickle'), clusterUrl, 200);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ part: 1, part2: 2 });
  });

  it('answers 504 when the cluster does not answer in time', async () => {
    const response = await forwardToCluster(new Request('http://127.0.0.1:3000/slow'), clusterUrl, 200);
    expect(response.status).toBe(504);
    expect((await response.json()).error.type).toBe('timeout_exception');
  });
});
