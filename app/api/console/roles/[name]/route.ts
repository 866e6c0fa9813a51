import { requireAdmin } from '@/lib/console/guard';
import { deleteRole, getRole } from '@/lib/console/roles';
import { ConsoleError, consoleErrorResponse } from '@/lib/console/errors';

type Params = { params: Promise<{ name: string }> };

/** GET: one role, with its descriptor as Elasticsearch returns it in `json`. */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  try {
    const session = await requireAdmin(request, { mutation: false });
    const { name } = await params;
    const role = await getRole(session, name);
    if (!role) throw new ConsoleError(404, 'not_found', `Role ${name} does not exist.`);
    return Response.json(role);
  } catch (error) {
    return consoleErrorResponse(error);
  }
}

/** DELETE a custom role; needs the JSON content type and CSRF header too (send `{}`). */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  try {
    const session = await requireAdmin(request, { mutation: true });
    const { name } = await params;
    await deleteRole(session, name);
    return Response.json({ deleted: true });
  } catch (error) {
    return consoleErrorResponse(error);
  }
}
