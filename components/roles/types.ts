export type { ApplicationPrivilegeView, IndexPrivilegeView, RoleDetail, RoleSummary } from '@/lib/schemas/role-views';

/** The console path of a role's page. */
export function roleHref(name: string): string {
  return `/roles/${encodeURIComponent(name)}`;
}

/** The request that creates or replaces a role, for the "use the role API" hint (Dev Tools syntax). */
export function rolePutSnippet(name: string, body: unknown): string {
  return `PUT /_security/role/${encodeURIComponent(name)}\n${JSON.stringify(body, null, 2)}`;
}

/** An example role request for the list page's hint (compact, as one would type it in Dev Tools). */
export const EXAMPLE_ROLE_REQUEST = `PUT /_security/role/logs_reader
{
  "description": "Reads the logs indices.",
  "cluster": ["monitor"],
  "indices": [{ "names": ["logs-*"], "privileges": ["read", "view_index_metadata"] }]
}`;
