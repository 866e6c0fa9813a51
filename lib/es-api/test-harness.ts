/**
 * For unit tests: a fresh engine in a temporary directory and a `call` that dispatches a request
 * in-process, returning status and parsed body.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SecurityEngine } from '@/lib/security/engine';
import { EsApiDispatcher } from './dispatch';

export interface TestReply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, read by assertions
  body: any;
  raw: string;
}

export interface TestApi {
  engine: SecurityEngine;
  call(method: string, pathAndQuery: string, body?: unknown, authorization?: string, extraHeaders?: Record<string, string>): Promise<TestReply>;
  close(): void;
}

export function basicAuth(username: string, password: string): string {
  return 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
}

export async function openTestApi(elasticPassword: string): Promise<TestApi> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-api-test-'));
  const engine = await SecurityEngine.open({ dataDir: dir, nodeName: 'test-node', elasticPassword, tokenPurgeIntervalMs: 0 });
  const dispatcher = new EsApiDispatcher(engine, { maxContentLength: 1024 * 1024 });
  return {
    engine,
    async call(method, pathAndQuery, body, authorization = basicAuth('elastic', elasticPassword), extraHeaders = {}) {
      const [p, query = ''] = pathAndQuery.split('?');
      const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      const headers = new Headers({ ...extraHeaders, authorization });
      if (text !== '') headers.set('content-type', 'application/json');
      const response = await dispatcher.dispatch({ method, path: p, query, headers, body: text });
      return { status: response.status, body: response.body ? JSON.parse(response.body) : undefined, raw: response.body };
    },
    close() {
      engine.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
