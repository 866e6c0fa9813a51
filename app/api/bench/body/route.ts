/**
 * Like ../empty, but reads the request body first (`request.text()`): with `npm run bench --
 * --diagnose` it shows what reading a body through Next.js costs on its own. 404 unless the
 * server was started with BENCH_ROUTES=1.
 */
export async function POST(request: Request): Promise<Response> {
  if (process.env.BENCH_ROUTES !== '1') {
    return Response.json({ error: 'not found' }, { status: 404 });
  }
  const body = await request.text();
  return Response.json({ ok: true, bytes: body.length });
}

export const dynamic = 'force-dynamic';
