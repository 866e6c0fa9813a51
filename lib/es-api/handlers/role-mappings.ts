import { EsError } from '@/lib/security/errors';
import {
  parseRules,
  RoleMappingActions,
  RoleMappingService,
  RuleParseError,
  type RoleMapping,
  type RoleTemplate,
  type RuleExpression,
} from '@/lib/security/role-mappings';
import type { RouteDefinition, RestContext } from '../types';
import { nodeValue, objectEntries, tokenName, type BodySource, type JsonNode } from '../x-content';
import { readRefresh, splitList } from '../params';
import { suggestSimilar } from '../suggest-similar';

const PARSER = 'role-mapping';
const FIELDS = ['roles', 'role_templates', 'rules', 'metadata', 'enabled', 'doc_type', 'type'];

interface ParsedBody {
  roles?: string[];
  role_templates?: RoleTemplate[];
  rules?: RuleExpression;
  metadata: Record<string, unknown>;
  enabled?: boolean;
}

function typeError(source: BodySource, node: JsonNode, field: string): EsError {
  return source.parseError(node.offset, `[${PARSER}] ${field} doesn't support values of type: ${tokenName(node)}`);
}

/** ExpressionRoleMapping's ObjectParser ("role-mapping") and Builder.build, with their messages. */
function parseRoleMapping(name: string, source: BodySource, root: JsonNode): ParsedBody {
  if (root.type !== 'object') {
    throw source.parseError(root.offset, `[${PARSER}] Expected START_OBJECT but was: ${tokenName(root)}`);
  }
  const body: ParsedBody = { metadata: {} };
  for (const { name: field, keyNode, valueNode } of objectEntries(root)) {
    switch (field) {
      case 'roles':
        if (valueNode.type !== 'array') throw typeError(source, valueNode, field);
        body.roles = (valueNode.children ?? []).map((child) => {
          if (child.type !== 'string') throw typeError(source, child, field);
          return child.value as string;
        });
        break;
      case 'role_templates':
        if (valueNode.type !== 'array') throw typeError(source, valueNode, field);
        body.role_templates = (valueNode.children ?? []).map((child) => parseTemplate(source, child));
        break;
      case 'rules':
        if (valueNode.type !== 'object') throw typeError(source, valueNode, field);
        try {
          body.rules = parseRules(nodeValue(valueNode), name);
        } catch (error) {
          if (!(error instanceof RuleParseError)) throw error;
          throw source.parseError(valueNode.offset, `[${PARSER}] failed to parse field [rules]`, {
            type: 'parse_exception',
            reason: error.message,
          });
        }
        break;
      case 'metadata':
        if (valueNode.type !== 'object') throw typeError(source, valueNode, field);
        body.metadata = nodeValue(valueNode) as Record<string, unknown>;
        break;
      case 'enabled':
        if (valueNode.type === 'boolean') body.enabled = valueNode.value as boolean;
        else if (valueNode.type === 'string' && (valueNode.value === 'true' || valueNode.value === 'false')) body.enabled = valueNode.value === 'true';
        else throw typeError(source, valueNode, field);
        break;
      case 'doc_type':
      case 'type':
        // Written by older versions into the index; ignored.
        if (valueNode.type !== 'string') throw typeError(source, valueNode, field);
        break;
      default:
        throw source.parseError(keyNode.offset, `[${PARSER}] unknown field [${field}]${suggestSimilar(field, FIELDS)}`);
    }
  }
  const end = source.location(root.offset + root.length - 1);
  const [line, col] = end.slice(1, -1).split(':').map(Number);
  const missing = (field: string) =>
    new EsError(400, 'parsing_exception', `failed to parse role-mapping [${name}]. missing field [${field}]`, { metadata: { line, col } });
  if (body.roles === undefined && body.role_templates === undefined) throw missing('roles');
  if (body.rules === undefined) throw missing('rules');
  if (body.enabled === undefined) throw missing('enabled');
  return body;
}

function parseTemplate(source: BodySource, node: JsonNode): RoleTemplate {
  const invalid = () => source.parseError(node.offset, `[role-template] failed to parse role template`);
  if (node.type !== 'object') throw invalid();
  let template: RoleTemplate['template'] | undefined;
  let format: RoleTemplate['format'];
  for (const { name, keyNode, valueNode } of objectEntries(node)) {
    if (name === 'template') {
      if (valueNode.type === 'string') template = valueNode.value as string;
      else if (valueNode.type === 'object') {
        const value = nodeValue(valueNode) as Record<string, unknown>;
        if (typeof value.source !== 'string') throw invalid();
        template = { source: value.source };
      } else throw invalid();
    } else if (name === 'format') {
      if (valueNode.type !== 'string' || (valueNode.value !== 'string' && valueNode.value !== 'json')) throw invalid();
      format = valueNode.value;
    } else {
      throw source.parseError(keyNode.offset, `[role-template] unknown field [${name}]`);
    }
  }
  if (template === undefined) throw invalid();
  return format ? { template, format } : { template };
}

function putRoleMapping(ctx: RestContext) {
  readRefresh(ctx);
  const name = ctx.params.name;
  const { source, root } = ctx.requiredBody();
  const body = parseRoleMapping(name, source, root);
  const input = {
    enabled: body.enabled as boolean,
    roles: body.roles,
    role_templates: body.role_templates,
    rules: body.rules as RuleExpression,
    metadata: body.metadata,
  };
  return () => {
    // Request validation runs before authorization, as in TransportAction.
    RoleMappingService.validate(input);
    ctx.engine.authorization.authorize(ctx.caller, RoleMappingActions.put);
    const created = ctx.engine.roleMappings.put(name, input);
    return { body: { role_mapping: { created } } };
  };
}

function getRoleMappings(ctx: RestContext) {
  const names = splitList(ctx.params.name);
  return () => {
    ctx.engine.authorization.authorize(ctx.caller, RoleMappingActions.get);
    const all: Array<[string, RoleMapping]> =
      names.length > 0
        ? names.flatMap((n) => {
            const mapping = ctx.engine.roleMappings.get(n);
            return mapping ? [[n, mapping] as [string, RoleMapping]] : [];
          })
        : ctx.engine.roleMappings.list().map(({ name, mapping }) => [name, mapping] as [string, RoleMapping]);
    return { status: names.length > 0 && all.length === 0 ? 404 : 200, body: Object.fromEntries(all) };
  };
}

function deleteRoleMapping(ctx: RestContext) {
  readRefresh(ctx);
  const name = ctx.params.name;
  return () => {
    ctx.engine.authorization.authorize(ctx.caller, RoleMappingActions.delete);
    const found = ctx.engine.roleMappings.delete(name);
    return { status: found ? 200 : 404, body: { found } };
  };
}

export const roleMappingRoutes: RouteDefinition[] = [
  { methods: ['GET'], path: '/_security/role_mapping', handler: getRoleMappings },
  { methods: ['GET'], path: '/_security/role_mapping/{name}', handler: getRoleMappings },
  { methods: ['PUT', 'POST'], path: '/_security/role_mapping/{name}', handler: putRoleMapping },
  { methods: ['DELETE'], path: '/_security/role_mapping/{name}', handler: deleteRoleMapping },
];
