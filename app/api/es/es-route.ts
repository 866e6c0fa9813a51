import { getRuntime, readyRuntime } from '@/lib/es-api/runtime';
import { getConfig } from '@/lib/config';
import { BodyTooLargeError, readBodyWithLimit, readDeclaredLengthBody, readEncodedBody } from '@/lib/es-api/read-body';
import { EsError } from '@/lib/security/errors';
import type { EsApiDispatcher } from '@/lib/es-api/dispatch';
import type { EsResponse } from '@/lib/es-api/types';
import { forwardToCluster } from '@/lib/es-api/cluster-proxy';

/**
 * The Elasticsearch-compatible API as a Next.js route handler: `/_security/...` is served by
 * app/%5Fsecurity (a folder name for a URL segment that starts with "_"), and every other "/_..."
 * path is rewritten by next.config.js to app/api/es. The original URL is still `request.url`,
 * so messages quote the path the client sent.
 *
 * Written with explicit promise chains rather than async/await: under Next.js every promise
 * pays for async context tracking, and this is the API's hot path. A request whose caller and
 * grant are cached creates one promise here: the body read, which continues into the dispatcher.
 */
export function handleEsRequest(request: Request): Promise<Response> {
  // In front of a cluster every request goes there; the embedded engine is never opened.
  clusterUrl ??= getConfig().ELASTICSEARCH_URL ?? null;
  if (clusterUrl !== null) return forwardToCluster(request, clusterUrl);
  const runtime = readyRuntime();
  return runtime ? handleWith(runtime.dispatcher, request) : getRuntime().then(({ dispatcher }) => handleWith(dispatcher, request));
}

/** ELASTICSEARCH_URL, or null for the embedded engine; read once (the configuration is fixed per process). */
let clusterUrl: string | null | undefined;

function handleWith(dispatcher: EsApiDispatcher, request: Request): Promise<Response> {
  const { path, query } = splitUrl(request.url);
  const answer = (body: string, oversizedBodyBytes?: number, unreadableBody?: EsError) =>
    respond(dispatcher.dispatch({ method: request.method, path, query, headers: request.headers, body, oversizedBodyBytes, unreadableBody }));
  const unreadable = (error: unknown) => {
    if (error instanceof BodyTooLargeError) return answer('', error.size);
    if (error instanceof EsError) return answer('', undefined, error);
    throw error;
  };
  const limit = getConfig().HTTP_MAX_CONTENT_LENGTH;
  const declared = request.headers.get('content-length');
  const encoding = request.headers.get('content-encoding');
  if (encoding !== null) return readEncodedBody(request.body, encoding, declared, limit).then(answer, unreadable);
  // With a Content-Length within the limit (HTTP framing guarantees no more bytes follow), the
  // body is read up to that length and the first read continues straight into the dispatcher.
  // Chunked bodies are counted as they stream in, up to the limit.
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) <= limit) {
    return readDeclaredLengthBody(request.body, Number(declared), answer);
  }
  return readBodyWithLimit(request.body, declared, limit).then(answer, unreadable);
}

function respond(result: EsResponse | Promise<EsResponse>): Response | Promise<Response> {
  return result instanceof Promise ? result.then(toResponse) : toResponse(result);
}

/** Header pairs per headers object: the dispatcher shares one (frozen) object among most responses. */
const headerPairs = new WeakMap<EsResponse['headers'], Array<[string, string]>>();

function toResponse(result: EsResponse): Response {
  let headers = headerPairs.get(result.headers);
  if (!headers) {
    // Repeated values (WWW-Authenticate challenges) become one comma-separated header, which the
    // Fetch API's Response cannot avoid; HTTP treats both forms alike.
    headers = [];
    for (const name in result.headers) {
      const value = result.headers[name];
      headers.push([name, Array.isArray(value) ? value.join(', ') : value]);
    }
    if (Object.isFrozen(result.headers)) headerPairs.set(result.headers, headers);
  }
  const body = result.body === '' ? null : result.body;
  // 200 is the default: leaving it out spares the status conversion on the hot path.
  return new Response(body, result.status === 200 ? { headers } : { status: result.status, headers });
}

/** Path (still percent-encoded) and raw query of an absolute URL, without a URL object. */
function splitUrl(url: string): { path: string; query: string } {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const rest = start === -1 ? '/' : url.slice(start);
  const hash = rest.indexOf('#');
  const withoutHash = hash === -1 ? rest : rest.slice(0, hash);
  const q = withoutHash.indexOf('?');
  return q === -1 ? { path: withoutHash, query: '' } : { path: withoutHash.slice(0, q), query: withoutHash.slice(q + 1) };
}


/** Every method goes to the dispatcher, which answers 405 where Elasticsearch would. */
export {
  handleEsRequest as GET,
  handleEsRequest as POST,
  handleEsRequest as PUT,
  handleEsRequest as DELETE,
  handleEsRequest as HEAD,
  handleEsRequest as OPTIONS,
  handleEsRequest as PATCH,
};
