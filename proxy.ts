import { NextResponse, type NextRequest } from 'next/server';
import { undecodablePathMessage } from '@/lib/es-api/path-decoding';
import { errorBody } from '@/lib/es-api/render';
import { EsError } from '@/lib/security/errors';

/**
 * Runs before routing, for two kinds of request only (see `config.matcher`):
 *
 * - Console pages: tells their layouts which page was asked for (layouts do not receive the
 *   pathname), so a signed-out visitor returns to that page after signing in.
 * - Paths with a percent escape Next.js cannot decode ("%", "%zz", "%%", bytes that are not
 *   UTF-8), which it would answer with a bare 500: they get a 400 that says why, in
 *   Elasticsearch's format on the API. Escapes of ASCII characters (%20, %2C, ...) never come
 *   here, so the API's hot path does not run this.
 */
export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  const undecodable = path.includes('%') ? undecodablePathMessage(path) : undefined;
  if (undecodable !== undefined) return refuseUndecodablePath(path, undecodable, request.headers.get('x-opaque-id'));
  const headers = new Headers(request.headers);
  headers.set('x-console-path', path + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

function refuseUndecodablePath(path: string, message: string, opaqueId: string | null): NextResponse {
  if (!path.startsWith('/_')) return new NextResponse(`Bad Request: ${message}`, { status: 400 });
  return NextResponse.json(errorBody(new EsError(400, 'illegal_argument_exception', message)), {
    status: 400,
    headers: { 'x-elastic-product': 'Elasticsearch', ...(opaqueId === null ? {} : { 'x-opaque-id': opaqueId }) },
  });
}

export const config = {
  // The third pattern: a "%" not followed by an escape of an ASCII character (%00 to %7F).
  matcher: ['/profiles/:path*', '/users/:path*', '/roles/:path*', '/:path(.*%(?![0-7][0-9A-Fa-f]).*)'],
};
