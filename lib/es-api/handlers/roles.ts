import { Actions } from '@/lib/security/actions';
import type { ApplicationPrivileges, IndicesPrivileges, RoleDescriptor } from '@/lib/security/roles';
import type { RouteDefinition, RestContext } from '../types';
import { parseException, parseManual } from '../manual-parser';
import { readRefresh, splitList } from '../params';

const ROLE_FIELDS = {
  cluster: 'string_array',
  indices: 'array',
  applications: 'array',
  run_as: 'string_array',
  metadata: 'object',
  transient_metadata: 'object',
  description: 'string',
  global: 'object',
  remote_indices: 'array',
  remote_cluster: 'array',
} as const;

function asStringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

function readIndices(role: string, value: unknown[]): IndicesPrivileges[] {
  return value.map((entry) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      throw parseException(`failed to parse indices privileges for role [${role}]. expected field [indices] value to be an array of objects`);
    }
    const e = entry as Record<string, unknown>;
    const names = asStringList(e.names);
    if (!names) throw parseException(`failed to parse indices privileges for role [${role}]. missing required [names] field`);
    const privileges = asStringList(e.privileges);
    if (!privileges) throw parseException(`failed to parse indices privileges for role [${role}]. missing required [privileges] field`);
    return { ...e, names, privileges, allow_restricted_indices: e.allow_restricted_indices === true };
  });
}

function readApplications(role: string, value: unknown[]): ApplicationPrivileges[] {
  return value.map((entry) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const privileges = asStringList(e.privileges);
    const resources = asStringList(e.resources);
    if (typeof e.application !== 'string' || !privileges || !resources) {
      throw parseException(
        `failed to parse application privileges for role [${role}]. missing required [application], [privileges] or [resources] field`,
      );
    }
    return { application: e.application, privileges, resources };
  });
}

function putRole(ctx: RestContext) {
  readRefresh(ctx);
  const name = ctx.params.name;
  const { source, root } = ctx.requiredBody();
  const body = parseManual(source, root, ROLE_FIELDS, (f) => `failed to parse role [${name}]. unexpected field [${f}]`);
  const descriptor: RoleDescriptor = {
    cluster: (body.cluster as string[] | undefined) ?? [],
    indices: readIndices(name, (body.indices as unknown[] | undefined) ?? []),
    applications: readApplications(name, (body.applications as unknown[] | undefined) ?? []),
    run_as: (body.run_as as string[] | undefined) ?? [],
    metadata: (body.metadata as Record<string, unknown> | undefined) ?? {},
    transient_metadata: { enabled: true },
  };
  if (typeof body.description === 'string') descriptor.description = body.description;
  return () => {
    ctx.engine.authorization.authorize(ctx.caller, Actions.rolePut);
    const created = ctx.engine.roles.put(name, descriptor);
    return { body: { role: { created } } };
  };
}

function getRoles(ctx: RestContext) {
  const names = splitList(ctx.params.name);
  return () => {
    ctx.engine.authorization.authorize(ctx.caller, Actions.roleGet);
    const all = names.length > 0
      ? names.flatMap((n) => {
          const role = ctx.engine.roles.get(n);
          return role ? [[n, role] as [string, RoleDescriptor]] : [];
        })
      : ctx.engine.roles.list();
    return { status: names.length > 0 && all.length === 0 ? 404 : 200, body: Object.fromEntries(all) };
  };
}

function deleteRole(ctx: RestContext) {
  readRefresh(ctx);
  const name = ctx.params.name;
  return () => {
    ctx.engine.authorization.authorize(ctx.caller, Actions.roleDelete);
    const found = ctx.engine.roles.delete(name);
    return { status: found ? 200 : 404, body: { found } };
  };
}

export const roleRoutes: RouteDefinition[] = [
  { methods: ['GET'], path: '/_security/role', handler: getRoles },
  { methods: ['GET'], path: '/_security/role/{name}', handler: getRoles },
  { methods: ['PUT', 'POST'], path: '/_security/role/{name}', handler: putRole },
  { methods: ['DELETE'], path: '/_security/role/{name}', handler: deleteRole },
];
