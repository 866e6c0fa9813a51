import { Actions } from '@/lib/security/actions';
import type { RoleDescriptor } from '@/lib/security/roles';
import type { RouteDefinition, RestContext } from '../types';
import { parseRoleDescriptor } from '../role-descriptor-parser';
import { readRefresh, splitList } from '../params';

function putRole(ctx: RestContext) {
  readRefresh(ctx);
  const name = ctx.params.name;
  const { source, root } = ctx.requiredBody();
  const descriptor = parseRoleDescriptor(source, name, root);
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
