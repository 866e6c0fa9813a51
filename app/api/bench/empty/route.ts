/**
 * An empty route handler for `npm run bench`: it measures the Next.js floor (routing, request
 * and response objects) that every API request pays before any application code runs.
 *
 * It exists only when the server was started with BENCH_ROUTES=1; otherwise it answers 404 like
 * any unknown path, so production does not expose it. The variable is read per request (not at
 * build time), and the route is dynamic so the build never prerenders it.
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
