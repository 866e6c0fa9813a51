import { requireAdmin, readJson } from '@/lib/console/guard';
import { updateProfileData } from '@/lib/console/profiles';
import { consoleErrorResponse } from '@/lib/console/errors';

/** PUT {labels, data} (JSON text each): merge into the profile. */
export async function PUT(request: Request, { params }: { params: Promise<{ uid: string }> }): Promise<Response> {
  try {
    const session = await requireAdmin(request, { mutation: true });
    const { uid } = await params;
    await updateProfileData(session, uid, await readJson(request));
    return Response.json({ acknowledged: true });
  } catch (error) {
    return consoleErrorResponse(error);
  }
}
