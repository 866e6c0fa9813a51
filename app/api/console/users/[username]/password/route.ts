import { requireAdmin, readJson } from '@/lib/console/guard';
import { resetPassword } from '@/lib/console/users';
import { consoleErrorResponse } from '@/lib/console/errors';

/** PUT {password, confirmPassword}: reset a user's password. */
export async function PUT(request: Request, { params }: { params: Promise<{ username: string }> }): Promise<Response> {
  try {
    const session = await requireAdmin(request, { mutation: true });
    const { username } = await params;
    await resetPassword(session, username, await readJson(request));
    return Response.json({ updated: true });
  } catch (error) {
    return consoleErrorResponse(error);
  }
}
