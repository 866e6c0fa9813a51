import { requireAdmin } from '@/lib/console/guard';
import { listRoleNames } from '@/lib/console/users';
import { listRoleSummaries } from '@/lib/console/roles';
import { consoleErrorResponse } from '@/lib/console/errors';

/**
 * GET: `{roles: [name, ...]}` for the role picker. With `?view=summary`: `{roles: [RoleSummary]}`
 * for the roles list (cluster privileges, index pattern count, reserved).
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const session = await requireAdmin(request, { mutation: false });
    if (new URL(request.url).searchParams.get('view') === 'summary') {
      return Response.json({ roles: await listRoleSummaries(session) });
    }
    return Response.json({ roles: await listRoleNames(session) });
  } catch (error) {
    return consoleErrorResponse(error);
  }
}
