import { requireAdmin, readJson } from '@/lib/console/guard';
import { activateProfile } from '@/lib/console/activate';
import { consoleErrorResponse } from '@/lib/console/errors';

export async function POST(request: Request): Promise<Response> {
  try {
    const session = await requireAdmin(request, { mutation: true });
    return Response.json(await activateProfile(session, await readJson(request)));
  } catch (error) {
    return consoleErrorResponse(error);
  }
}
