import { readDeclaredLengthBody } from '@/lib/es-api/read-body';

/**
 * Like ../empty, but reads the request body first, the way the Elasticsearch API reads it (one
 * read up to the declared Content-Length): with `npm run bench -- --diagnose` it shows what
 * reading a body through Next.js costs on its own, which bounds what any route that needs its
 * body can reach against the empty floor. 404 unless the server was started with BENCH_ROUTES=1.
 */
export function POST(request: Request): Response | Promise<Response> {
  if (process.env.BENCH_ROUTES !== '1') {
    return Response.json({ error: 'not found' }, { status: 404 });
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (!Number.isSafeInteger(declared) || declared < 0 || declared > 1024 * 1024) {
    return Response.json({ error: 'expected a Content-Length of at most 1 MiB' }, { status: 400 });
  }
  return readDeclaredLengthBody(request.body, declared, (body) => Response.json({ ok: true, bytes: body.length }));
}

export const dynamic = 'force-dynamic';
