import 'server-only';
import type { ApplicationPrivilegeView, IndexPrivilegeView, RoleDetail, RoleSummary } from '@/lib/schemas/role-views';
import { roleNameSchema } from '@/lib/schemas/role-views';
import { getBackend } from './backend';
import { ConsoleError, viaBackend } from './errors';
import type { AdminSession } from './session';

/** A role descriptor as GET /_security/role answers it (the fields the console shows). */
interface EsRole {
  cluster?: string[];
  indices?: {
    names: string[] | string;
    privileges: string[];
    field_security?: { grant?: string[]; except?: string[] };
    query?: unknown;
    allow_restricted_indices?: boolean;
  }[];
  applications?: { application: string; privileges: string[]; resources: string[] }[];
  run_as?: string[];
  metadata?: Record<string, unknown>;
  description?: string;
}

async function adminClient(session: AdminSession) {
  return (await getBackend()).asAdmin(session.accessToken);
}

function summary(name: string, role: EsRole): RoleSummary {
  return {
    name,
    description: role.description ?? null,
    cluster: role.cluster ?? [],
    indexPatternCount: (role.indices ?? []).reduce((n, entry) => n + (Array.isArray(entry.names) ? entry.names.length : 1), 0),
    reserved: role.metadata?._reserved === true,
    deprecated: role.metadata?._deprecated === true,
  };
}

function indexView(entry: NonNullable<EsRole['indices']>[number]): IndexPrivilegeView {
  const query = entry.query === undefined || entry.query === null ? null : typeof entry.query === 'string' ? entry.query : JSON.stringify(entry.query);
  return {
    names: Array.isArray(entry.names) ? entry.names : [entry.names],
    privileges: entry.privileges ?? [],
    fieldSecurity: entry.field_security ?? null,
    query,
    allowRestrictedIndices: entry.allow_restricted_indices === true,
  };
}

/** Every role, built-in and custom, sorted by name (GET /_security/role). */
export async function listRoleSummaries(session: AdminSession): Promise<RoleSummary[]> {
  const client = await adminClient(session);
  const roles = (await viaBackend(() => client.security.getRole())) as unknown as Record<string, EsRole>;
  return Object.entries(roles)
    .map(([name, role]) => summary(name, role))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One role, or undefined when there is none with this name (GET /_security/role/{name}). */
export async function getRole(session: AdminSession, name: string): Promise<RoleDetail | undefined> {
  if (!roleNameSchema.safeParse(name).success) return undefined;
  const client = await adminClient(session);
  let roles: Record<string, EsRole>;
  try {
    roles = (await viaBackend(() => client.security.getRole({ name }))) as unknown as Record<string, EsRole>;
  } catch (error) {
    if (error instanceof ConsoleError && error.status === 404) return undefined;
    throw error;
  }
  const role = roles[name];
  if (!role) return undefined;
  const applications: ApplicationPrivilegeView[] = (role.applications ?? []).map((a) => ({
    application: a.application,
    privileges: a.privileges ?? [],
    resources: a.resources ?? [],
  }));
  return {
    ...summary(name, role),
    indices: (role.indices ?? []).map(indexView),
    applications,
    runAs: role.run_as ?? [],
    metadata: role.metadata ?? {},
    json: { [name]: role },
  };
}

/** Deletes a custom role (DELETE /_security/role/{name}); built-in roles are refused. */
export async function deleteRole(session: AdminSession, name: string): Promise<void> {
  if (!roleNameSchema.safeParse(name).success) throw new ConsoleError(400, 'invalid_input', 'Role name is required.');
  const existing = await getRole(session, name);
  if (!existing) throw new ConsoleError(404, 'not_found', `Role ${name} does not exist.`);
  if (existing.reserved) throw new ConsoleError(400, 'reserved_role', `Role ${name} is built in and can't be deleted.`);
  const client = await adminClient(session);
  const result = await viaBackend(() => client.security.deleteRole({ name }));
  if (!result.found) throw new ConsoleError(404, 'not_found', `Role ${name} does not exist.`);
}
