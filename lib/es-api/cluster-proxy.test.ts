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
    // The console's session cookie stays with this server.
    expect(last.headers.cookie).toBeUndefined();
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

  it('answers 504 when the cluster does not answer in time', async () => {
    const response = await forwardToCluster(new Request('http://127.0.0.1:3000/slow'), clusterUrl, 200);
    expect(response.status).toBe(504);
    expect((await response.json()).error.type).toBe('timeout_exception');
  });
});
