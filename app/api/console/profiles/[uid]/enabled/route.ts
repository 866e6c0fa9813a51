import { z } from 'zod';
import { requireAdmin, readJson } from '@/lib/console/guard';
import { setProfileEnabled } from '@/lib/console/profiles';
import { ConsoleError, consoleErrorResponse } from '@/lib/console/errors';

const bodySchema = z.object({ enabled: z.boolean() });

/** PUT {enabled}: enable or disable a profile. */
export async function PUT(request: Request, { params }: { params: Promise<{ uid: string }> }): Promise<Response> {
  try {
    const session = await requireAdmin(request, { mutation: true });
    const parsed = bodySchema.safeParse(await readJson(request));
    if (!parsed.success) throw new ConsoleError(400, 'invalid_input', 'Send {"enabled": true|false}.');
    const { uid } = await params;
    await setProfileEnabled(session, uid, parsed.data.enabled);
    return Response.json({ enabled: parsed.data.enabled });
  } catch (error) {
    return consoleErrorResponse(error);
  }
}
