import { requireAdmin } from '@/lib/console/guard';
import { findProfiles } from '@/lib/console/profiles';
import { consoleErrorResponse } from '@/lib/console/errors';

/** GET ?name=&size=: the profile finder (read-only, so no CSRF header needed). */
export async function GET(request: Request): Promise<Response> {
  try {
    const session = await requireAdmin(request, { mutation: false });
    const params = new URL(request.url).searchParams;
    const size = Math.min(100, Math.max(1, Number(params.get('size') ?? 20) || 20));
    return Response.json(await findProfiles(session, (params.get('name') ?? '').slice(0, 256), size));
  } catch (error) {
    return consoleErrorResponse(error);
  }
}
