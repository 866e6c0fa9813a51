import { requireAdmin } from '@/lib/console/guard';
import { listRoleNames } from '@/lib/console/users';
import { consoleErrorResponse } from '@/lib/console/errors';

export async function GET(request: Request): Promise<Response> {
  try {
    return Response.json({ roles: await listRoleNames(await requireAdmin(request, { mutation: false })) });
  } catch (error) {
    return consoleErrorResponse(error);
  }
}
