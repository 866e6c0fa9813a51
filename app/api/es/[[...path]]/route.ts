import { getRuntime } from '@/lib/es-api/runtime';
import { getConfig } from '@/lib/config';
import { BodyTooLargeError, readBodyWithLimit } from '@/lib/es-api/read-body';

/**
 * The Elasticsearch-compatible API. next.config.js rewrites every "/_..." path here; the
 * original URL is still `request.url`, so messages quote the path the client sent.
 */
async function handle(request: Request): Promise<Response> {
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

export const dynamic = 'force-dynamic';
export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const DELETE = handle;
export const HEAD = handle;
export const OPTIONS = handle;
export const PATCH = handle;
