import { NextResponse, type NextRequest } from 'next/server';

/**
 * Tells console layouts which page was asked for (layouts do not receive the pathname), so a
 * signed-out visitor returns to that page after signing in.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-console-path', request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/profiles/:path*', '/users/:path*'],
};
