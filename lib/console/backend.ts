import 'server-only';
import { Client } from '@elastic/elasticsearch';
import { getConfig } from '@/lib/config';
import { getRuntime } from '@/lib/es-api/runtime';
import { inProcessConnection } from './in-process-connection';

/**
 * The console's only way to the backend: the official Elasticsearch client. In embedded mode
 * its connection dispatches in-process to the Elasticsearch-compatible API; with
 * ELASTICSEARCH_URL set the same client talks HTTP to the cluster. Nothing else changes.
 */
export interface Backend {
  mode: 'embedded' | 'elasticsearch';
  /** Acts as the console's service identity (token creation for sign-in, refresh, sign-out). */
  service: Client;
  /** Acts as an admin: every call carries the admin's own Bearer token. */
  asAdmin(accessToken: string): Client;
}

const holder = globalThis as typeof globalThis & { __profileConsoleBackend?: Promise<Backend> };

export function getBackend(): Promise<Backend> {
  holder.__profileConsoleBackend ??= createBackend().catch((error: unknown) => {
    holder.__profileConsoleBackend = undefined;
    throw error;
  });
  return holder.__profileConsoleBackend;
}

async function createBackend(): Promise<Backend> {
  const config = getConfig();
  let service: Client;
  let mode: Backend['mode'];
  if (config.ELASTICSEARCH_URL) {
    mode = 'elasticsearch';
    const auth = config.ELASTICSEARCH_API_KEY
      ? { apiKey: config.ELASTICSEARCH_API_KEY }
      : config.ELASTICSEARCH_SERVICE_TOKEN
        ? { bearer: config.ELASTICSEARCH_SERVICE_TOKEN }
        : undefined;
    if (!auth) throw new Error('ELASTICSEARCH_URL needs ELASTICSEARCH_SERVICE_TOKEN or ELASTICSEARCH_API_KEY for the console identity');
    service = new Client({ node: config.ELASTICSEARCH_URL, auth });
  } else {
    mode = 'embedded';
    const { engine, dispatcher } = await getRuntime();
    service = new Client({
      node: 'http://embedded.invalid',
      Connection: inProcessConnection((request) => dispatcher.dispatch(request)),
      auth: { bearer: engine.consoleIdentity.credential },
      // One in-process "node": never sniff, never mark it dead.
      maxRetries: 0,
    });
  }
  return {
    mode,
    service,
    asAdmin: (accessToken) => service.child({ headers: { authorization: `Bearer ${accessToken}` } }),
  };
}
