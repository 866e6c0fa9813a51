import { BaseConnection } from '@elastic/transport';
import type { ConnectionRequestParams, ConnectionRequestResponse } from '@elastic/transport/lib/connection/BaseConnection';
import type { EsRequest, EsResponse } from '@/lib/es-api/types';

export type Dispatch = (request: EsRequest) => EsResponse | Promise<EsResponse>;

/**
 * A transport connection for the official Elasticsearch client that hands each request to the
 * embedded API dispatcher instead of the network: same code path, same errors as HTTP callers,
 * no socket. Passed as the client's `Connection` option.
 */
export function inProcessConnection(dispatch: Dispatch): typeof BaseConnection {
  return class InProcessConnection extends BaseConnection {
    // The transport's overloads include a streaming variant the console never asks for.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async request(params: ConnectionRequestParams): Promise<any> {
      const merged: Record<string, string> = {};
      for (const [name, value] of Object.entries({ ...this.headers, ...params.headers })) {
        if (value !== undefined) merged[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      }
      const response = await dispatch({
        method: params.method,
        path: params.path,
        query: params.querystring ?? '',
        headers: new Headers(merged),
        body: await bodyText(params.body),
      });
      const result: ConnectionRequestResponse = {
        statusCode: response.status,
        headers: Object.fromEntries(
          Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]),
        ),
        body: response.body,
      };
      return result;
    }
  };
}

async function bodyText(body: ConnectionRequestParams['body']): Promise<string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
