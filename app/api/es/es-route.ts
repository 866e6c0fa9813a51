import { getRuntime } from '@/lib/es-api/runtime';
import { getConfig } from '@/lib/config';
import { BodyTooLargeError, readBodyWithLimit } from '@/lib/es-api/read-body';

/**
 * The Elasticsearch-compatible API as a Next.js route handler: `/_security/...` is served by
 * app/%5Fsecurity (a folder name for a URL segment that starts with "_"), and every other "/_..."
 * path is rewritten by next.config.js to app/api/es. The original URL is still `request.url`,
 * so messages quote the path the client sent.
 */
export async function handleEsRequest(request: Request): Promise<Response> {
  const { dispatcher } = await getRuntime();
  const url = new URL(request.url);
  let body = '';
  let oversizedBodyBytes: number | undefined;
  try {
    body = await readBodyWithLimit(request.body, request.headers.get('content-length'), getConfig().HTTP_MAX_CONTENT_LENGTH);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    oversizedBodyBytes = error.size;
  }
  const result = await dispatcher.dispatch({
    method: request.method,
    path: url.pathname,
    query: url.search.slice(1),
    headers: request.headers,
    body,
    oversizedBodyBytes,
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(result.headers)) {
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return new Response(result.body === '' ? null : result.body, { status: result.status, headers });
}

