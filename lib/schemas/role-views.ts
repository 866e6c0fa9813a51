import { z } from 'zod';

/** What the console's role pages receive (BFF and server components alike); shared by both sides. */
export interface RoleSummary {
  name: string;
  description: string | null;
  cluster: string[];
  /** How many index privilege entries the role has (each names one or more index patterns). */
  indexPatternCount: number;
  /** A built-in role (metadata._reserved): read-only, cannot be deleted. */
  reserved: boolean;
  deprecated: boolean;
}

export interface IndexPrivilegeView {
  names: string[];
  privileges: string[];
  fieldSecurity: { grant?: string[]; except?: string[] } | null;
  query: string | null;
  allowRestrictedIndices: boolean;
}

export interface ApplicationPrivilegeView {
  application: string;
  privileges: string[];
  resources: string[];
}

export interface RoleDetail extends RoleSummary {
  indices: IndexPrivilegeView[];
  applications: ApplicationPrivilegeView[];
  runAs: string[];
  metadata: Record<string, unknown>;
  /** The role as GET /_security/role/{name} returns it: `{ [name]: descriptor }`. */
  json: Record<string, unknown>;
}

/** A role name in a console route (/roles/[name], /api/console/roles/[name]). */
export const roleNameSchema = z.string().min(1, 'Role name is required.').max(507, 'Role name is too long.');
