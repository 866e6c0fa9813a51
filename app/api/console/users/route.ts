import { requireAdmin, readJson } from '@/lib/console/guard';
import { createUser, listUsers } from '@/lib/console/users';
import { consoleErrorResponse } from '@/lib/console/errors';

export async function GET(request: Request): Promise<Response> {
  try {
    return Response.json({ users: await listUsers(await requireAdmin(request, { mutation: false })) });
  } catch (error) {
    return consoleErrorResponse(error);
  }
}

export async function POST(request: Request): Promise<Response> {
  try {
    const session = await requireAdmin(request, { mutation: true });
    await createUser(session, await readJson(request));
    return Response.json({ created: true }, { status: 201 });
  } catch (error) {
    return consoleErrorResponse(error);
  }
}
