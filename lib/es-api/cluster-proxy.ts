/**
 * In front of a real cluster (ELASTICSEARCH_URL), the Elasticsearch API paths of this server
 * forward to it: scripts keep one address whichever backend runs, and they see the cluster's
 * own answers (its authentication, privileges, errors). Nothing is kept or logged on the way;
 * credentials pass through to the cluster, which checks them.
 */

/** Request headers that describe this hop or this server's own session, not the API call. */
const REQUEST_HEADERS_NOT_FORWARDED = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  // fetch() refuses it; 100-continue is a matter between each client and its server.
  'expect',
  'content-length',
  // The console's session cookie belongs to this server, never to the cluster.
  'cookie',
  // Set below: fetch() would otherwise ask for compression and decode it again.
  'accept-encoding',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-proto',
]);

/** Response headers fetch() has already acted on (framing, decoding). */
const RESPONSE_HEADERS_NOT_FORWARDED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length']);

/** How long the cluster may take to start answering before the caller gets a 504. */
export const CLUSTER_TIMEOUT_MS = 60_000;

/**
 * The cluster URL a request path maps to: the configured URL (with any path prefix) + path + query.
 * A Request's url is already parsed, so dot segments ("..", "%2e%2e") are resolved and the path
 * cannot climb out of the prefix.
 */
export function clusterUrlFor(clusterUrl: string, requestUrl: string): string {
  return clusterUrl.replace(/\/+$/, '') + pathAndQuery(requestUrl);
}

function pathAndQuery(requestUrl: string): string {
  const start = requestUrl.indexOf('/', requestUrl.indexOf('//') + 2);
  const rest = start === -1 ? '/' : requestUrl.slice(start);
  const hash = rest.indexOf('#');
  return hash === -1 ? rest : rest.slice(0, hash);
}

export function forwardedRequestHeaders(headers: Headers): Headers {
  // Headers the client named in Connection are for this hop only (RFC 9110, 7.6.1).
  const hopByHop = new Set((headers.get('connection') ?? '').split(',').map((name) => name.trim().toLowerCase()));
  const forwarded = new Headers();
  headers.forEach((value, name) => {
    if (REQUEST_HEADERS_NOT_FORWARDED.has(name) || hopByHop.has(name) || name.startsWith('x-middleware-') || name.startsWith('next-')) return;
    forwarded.append(name, value);
  });
  forwarded.set('accept-encoding', 'identity');
  return forwarded;
}

/** Forwards one API request to the cluster and answers with the cluster's response. */
export async function forwardToCluster(request: Request, clusterUrl: string, timeoutMs = CLUSTER_TIMEOUT_MS): Promise<Response> {
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
  // The deadline is for the cluster to start answering; a long body then streams as long as it takes.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DOMException('no answer in time', 'TimeoutError')), timeoutMs);
  let upstream: Response;
  try {
    upstream = await fetch(clusterUrlFor(clusterUrl, request.url), {
      method: request.method,
      headers: forwardedRequestHeaders(request.headers),
      // Streamed through: the cluster applies its own http.max_content_length.
      body: hasBody ? request.body : undefined,
      duplex: 'half',
      redirect: 'manual',
      signal: AbortSignal.any([request.signal, deadline.signal]),
    } as RequestInit);
  } catch (error) {
    return unreachable(clusterUrl, deadline.signal.aborted ? deadline.signal.reason : error);
  } finally {
    clearTimeout(timer);
  }
  const headers = new Headers();
  upstream.headers.forEach((value, name) => {
    if (!RESPONSE_HEADERS_NOT_FORWARDED.has(name)) headers.append(name, value);
  });
  return new Response(request.method === 'HEAD' ? null : upstream.body, { status: upstream.status, statusText: upstream.statusText, headers });
}

/**
 * Elasticsearch's error shape for a cluster that could not be reached: 504 when it did not
 * answer in time, 502 otherwise. The reason names the cluster and the cause, never credentials.
 */
function unreachable(clusterUrl: string, error: unknown): Response {
  const timedOut = error instanceof Error && error.name === 'TimeoutError';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  // A code (ECONNREFUSED) or an error name only: messages may quote the URL.
  const detail = timedOut ? 'no answer in time' : typeof code === 'string' ? code : cause instanceof Error ? cause.name : 'request failed';
  const status = timedOut ? 504 : 502;
  const type = timedOut ? 'timeout_exception' : 'connect_exception';
  const reason = `cannot reach the Elasticsearch cluster at [${new URL(clusterUrl).origin}]: ${detail}`;
  return Response.json({ error: { root_cause: [{ type, reason }], type, reason }, status }, { status });
}
