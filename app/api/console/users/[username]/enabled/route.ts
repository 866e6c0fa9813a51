import { requireAdmin, readJson } from '@/lib/console/guard';
import { setUserEnabled } from '@/lib/console/users';
import { consoleErrorResponse } from '@/lib/console/errors';

/** PUT {enabled}: activate (true) or deactivate (false) a user. Not for one's own account. */
export async function PUT(request: Request, { params }: { params: Promise<{ username: string }> }): Promise<Response> {
  try {
    const session = await requireAdmin(request, { mutation: true });
    const { username } = await params;
    const enabled = await setUserEnabled(session, username, await readJson(request));
    return Response.json({ enabled });
  } catch (error) {
    return consoleErrorResponse(error);
  }
}
