import { requireAdmin } from '@/lib/console/guard';
import { getProfile } from '@/lib/console/profiles';
import { ConsoleError, consoleErrorResponse } from '@/lib/console/errors';

export async function GET(request: Request, { params }: { params: Promise<{ uid: string }> }): Promise<Response> {
  try {
    const session = await requireAdmin(request, { mutation: false });
    const { uid } = await params;
    const profile = await getProfile(session, uid);
    if (!profile) throw new ConsoleError(404, 'not_found', 'There is no profile with this uid.');
    return Response.json(profile);
  } catch (error) {
    return consoleErrorResponse(error);
  }
}
