import { requireAdmin, readJson } from '@/lib/console/guard';
import { deleteUser, getUser, updateUser } from '@/lib/console/users';
import { ConsoleError, consoleErrorResponse } from '@/lib/console/errors';

type Params = { params: Promise<{ username: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  try {
    const session = await requireAdmin(request, { mutation: false });
    const { username } = await params;
    const user = await getUser(session, username);
    if (!user) throw new ConsoleError(404, 'not_found', `User ${username} does not exist.`);
    return Response.json(user);
  } catch (error) {
    return consoleErrorResponse(error);
  }
}

/** PUT {roles, fullName, email}: edit a user (the password is kept). */
export async function PUT(request: Request, { params }: Params): Promise<Response> {
  try {
    const session = await requireAdmin(request, { mutation: true });
    const { username } = await params;
    await updateUser(session, username, await readJson(request));
    return Response.json({ updated: true });
  } catch (error) {
    return consoleErrorResponse(error);
  }
}

/** DELETE needs the JSON content type and CSRF header too (send `{}`). */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  try {
    const session = await requireAdmin(request, { mutation: true });
    const { username } = await params;
    await deleteUser(session, username);
    return Response.json({ deleted: true });
  } catch (error) {
    return consoleErrorResponse(error);
  }
}
