/**
 * Like ../../empty, but an optional catch-all (dynamic) route, as the Elasticsearch API's
 * app/api/es/[[...path]] is: with `npm run bench -- --diagnose` it shows what dynamic route
 * matching costs on its own. 404 unless the server was started with BENCH_ROUTES=1.
 */
function handle(): Response {
  if (process.env.BENCH_ROUTES !== '1') {
    return Response.json({ error: 'not found' }, { status: 404 });
  }
  return Response.json({ ok: true });
}

export const dynamic = 'force-dynamic';
export const GET = handle;
export const POST = handle;
