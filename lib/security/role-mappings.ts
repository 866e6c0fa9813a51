import type { RoleMappingsStore } from '@/lib/store/role-mappings-store';
import { EsError, illegalArgument, validationError } from './errors';
import { compilePattern, isLuceneRegex, isSimpleMatchPattern, PatternError, type PatternMatcher } from './patterns';

/**
 * Role mappings (Elasticsearch's ExpressionRoleMapping and its rule DSL): which roles a user of a
 * realm without its own roles (e.g. JWT) gets. A rule is `{"all":[...]}`, `{"any":[...]}`,
 * `{"field":{name: value|[values]}}` or, inside `all`, `{"except":{...}}`. Field values are
 * strings (with `*` wildcards or `/regex/`), numbers, booleans or null; a list means any of them.
 */

export const RoleMappingActions = {
  put: 'cluster:admin/xpack/security/role_mapping/put',
  get: 'cluster:admin/xpack/security/role_mapping/get',
  delete: 'cluster:admin/xpack/security/role_mapping/delete',
} as const;

export type FieldLiteral = string | number | boolean | null;

export interface FieldValue {
  value: FieldLiteral;
  /** For wildcard and regex strings (matched in linear time, see patterns.ts). */
  matcher?: PatternMatcher;
}

export type RuleExpression =
  | { kind: 'all'; rules: RuleExpression[] }
  | { kind: 'any'; rules: RuleExpression[] }
  | { kind: 'except'; rule: RuleExpression }
  | { kind: 'field'; field: string; values: FieldValue[] };

export interface RoleTemplate {
  template: { source: string } | string;
  format?: 'string' | 'json';
}

/** ExpressionRoleMapping.READ_ONLY_ROLE_MAPPING_SUFFIX: names Elasticsearch gives operator-defined mappings. */
export const READ_ONLY_ROLE_MAPPING_SUFFIX = '-read-only-operator-mapping';

/**
 * ExpressionRoleMapping.validateNoReadOnlySuffix. Elasticsearch (8.15+) runs it in
 * TransportPutRoleMappingAction.doExecute, i.e. after request validation and authorization, and
 * throws IllegalArgumentException: 400 illegal_argument_exception.
 */
export function validateNoReadOnlySuffix(name: string): void {
  if (name.endsWith(READ_ONLY_ROLE_MAPPING_SUFFIX)) {
    throw illegalArgument(`Invalid mapping name [${name}]. [${READ_ONLY_ROLE_MAPPING_SUFFIX}] is not an allowed suffix`);
  }
}

/** A role mapping as GET returns it (and as it is stored). */
export interface RoleMapping {
  enabled: boolean;
  roles?: string[];
  role_templates?: RoleTemplate[];
  rules: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** What a realm knows about a user, for matching (UserRoleMapper.UserData). */
export interface UserData {
  username: string;
  dn: string | null;
  groups: string[];
  metadata: Record<string, unknown>;
  realmName: string;
}

/** ElasticsearchParseException from the rule parser (400 parse_exception). */
export class RuleParseError extends Error {}

function tokenOf(value: unknown): string {
  if (value === null) return 'VALUE_NULL';
  if (Array.isArray(value)) return 'START_ARRAY';
  switch (typeof value) {
    case 'object':
      return 'START_OBJECT';
    case 'string':
      return 'VALUE_STRING';
    case 'number':
      return 'VALUE_NUMBER';
    case 'boolean':
      return 'VALUE_BOOLEAN';
    default:
      return 'VALUE_EMBEDDED_OBJECT';
  }
}

function parseError(message: string): RuleParseError {
  return new RuleParseError(`failed to parse rules expression. ${message}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Parses a rules object (ExpressionParser); `objectName` is used in messages. */
export function parseRules(value: unknown, objectName: string): RuleExpression {
  return parseRulesObject(value, objectName, false);
}

function parseRulesObject(value: unknown, objectName: string, allowExcept: boolean): RuleExpression {
  if (!isPlainObject(value)) {
    throw parseError(`expected [${objectName}] to be an object but found [${tokenOf(value)}] instead`);
  }
  const entries = Object.entries(value);
  if (entries.length === 0) throw parseError(`object [${objectName}] does not contain any fields`);
  const [field, inner] = entries[0];
  const expression = parseExpression(field, inner, allowExcept, objectName);
  if (entries.length > 1) throw parseError(`object [${objectName}] contains multiple fields`);
  return expression;
}

function parseExpression(field: string, value: unknown, allowExcept: boolean, objectName: string): RuleExpression {
  switch (field) {
    case 'any':
    case 'all': {
      if (!Array.isArray(value)) throw parseError(`field [${field}] requires an array`);
      const rules = value.map((element) => parseRulesObject(element, field, field === 'all'));
      return { kind: field, rules };
    }
    case 'field':
      return parseFieldExpression(value);
    case 'except':
      if (!allowExcept) throw parseError(`field [except] is not allowed within [${objectName}]`);
      if (!isPlainObject(value)) throw parseError(`expected an object but found [${tokenOf(value)}] instead`);
      return { kind: 'except', rule: parseRulesObject(value, 'except', false) };
    default:
      throw parseError(`field [${field}] is not recognised in object [${objectName}]`);
  }
}

function parseFieldExpression(value: unknown): RuleExpression {
  if (!isPlainObject(value)) throw parseError(`expected an object but found [${tokenOf(value)}] instead`);
  const entries = Object.entries(value);
  if (entries.length === 0) throw parseError('object [field] does not contain any fields');
  const [name, raw] = entries[0];
  const values = Array.isArray(raw) ? raw.map(parseFieldValue) : [parseFieldValue(raw)];
  if (entries.length > 1) throw parseError('object [field] contains multiple fields');
  if (values.length === 0) throw new RuleParseError(`null or empty values (${JSON.stringify(raw)})`);
  return { kind: 'field', field: name, values };
}

function parseFieldValue(raw: unknown): FieldValue {
  if (raw === null || typeof raw === 'boolean') return { value: raw };
  // Elasticsearch reads numbers with longValue().
  if (typeof raw === 'number') return { value: Math.trunc(raw) };
  if (typeof raw === 'string') {
    if (isSimpleMatchPattern(raw) || isLuceneRegex(raw)) {
      try {
        return { value: raw, matcher: compilePattern(raw) };
      } catch (error) {
        throw new RuleParseError(error instanceof PatternError ? error.message : `invalid pattern [${raw}]`);
      }
    }
    return { value: raw };
  }
  throw parseError(`expected a field value but found [${tokenOf(raw)}] instead`);
}

/** The expression back as JSON, as Elasticsearch writes it (a single field value unwrapped). */
export function rulesToJson(expression: RuleExpression): Record<string, unknown> {
  switch (expression.kind) {
    case 'all':
    case 'any':
      return { [expression.kind]: expression.rules.map(rulesToJson) };
    case 'except':
      return { except: rulesToJson(expression.rule) };
    case 'field':
      return {
        field: {
          [expression.field]: expression.values.length === 1 ? expression.values[0].value : expression.values.map((v) => v.value),
        },
      };
  }
}

type Predicate = (value: FieldValue) => boolean;

const NULL_PREDICATE: Predicate = (v) => v.value === null;

function predicateFor(value: unknown): Predicate {
  if (value === null || value === undefined) return NULL_PREDICATE;
  if (typeof value === 'boolean') return (v) => v.value === value;
  if (typeof value === 'number') return (v) => typeof v.value === 'number' && v.value === value;
  if (typeof value === 'string') return (v) => (v.matcher ? v.matcher.test(value) : v.value === value);
  if (Array.isArray(value)) {
    const predicates = value.map(predicateFor);
    return (v) => predicates.some((p) => p(v));
  }
  // Objects have no defined comparison: they never match.
  return () => false;
}

/** Lower-cased RDNs with the spaces around separators removed, for DN comparison. */
export function normalizeDn(dn: string): string {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < dn.length; i++) {
    const c = dn[i];
    if (c === '\\' && i + 1 < dn.length) {
      current += c + dn[++i];
    } else if (c === ',') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts
    .map((rdn) => {
      const eq = rdn.indexOf('=');
      return eq < 0 ? rdn.trim().toLowerCase() : rdn.slice(0, eq).trim().toLowerCase() + '=' + rdn.slice(eq + 1).trim().toLowerCase();
    })
    .join(',');
}

/** DistinguishedNamePredicate: case-insensitive, normalized; `*,ou=x` matches everything under ou=x. */
function dnPredicate(dn: string | null): Predicate {
  if (dn === null) return NULL_PREDICATE;
  const normalized = normalizeDn(dn);
  return (v) => {
    if (v.matcher) return v.matcher.test(dn) || v.matcher.test(normalized);
    if (typeof v.value !== 'string') return false;
    if (v.value.startsWith('*,')) return normalized.endsWith(',' + normalizeDn(v.value.slice(2)));
    return normalizeDn(v.value) === normalized;
  };
}

function buildModel(user: UserData): Map<string, Predicate> {
  const model = new Map<string, Predicate>();
  model.set('username', predicateFor(user.username));
  model.set('dn', dnPredicate(user.dn));
  model.set('groups', predicateFor(user.groups));
  model.set('realm.name', predicateFor(user.realmName));
  for (const [key, value] of Object.entries(user.metadata)) model.set('metadata.' + key, predicateFor(value));
  return model;
}

export function matchesRule(expression: RuleExpression, model: Map<string, Predicate>): boolean {
  switch (expression.kind) {
    case 'all':
      return expression.rules.every((r) => matchesRule(r, model));
    case 'any':
      return expression.rules.some((r) => matchesRule(r, model));
    case 'except':
      return !matchesRule(expression.rule, model);
    case 'field': {
      const predicate = model.get(expression.field) ?? NULL_PREDICATE;
      return expression.values.some(predicate);
    }
  }
}

export function matchesUser(expression: RuleExpression, user: UserData): boolean {
  return matchesRule(expression, buildModel(user));
}

/**
 * Role templates with a small Mustache subset: `{{path}}` and `{{#tojson}}path{{/tojson}}` over
 * {username, dn, groups, metadata, realm: {name}}; format `json` parses the result as a role
 * name or a list of them.
 */
function renderTemplate(template: RoleTemplate, user: UserData): string[] {
  const source = typeof template.template === 'string' ? template.template : template.template.source;
  const scope: Record<string, unknown> = {
    username: user.username,
    dn: user.dn,
    groups: user.groups,
    metadata: user.metadata,
    realm: { name: user.realmName },
  };
  const lookup = (path: string): unknown =>
    path
      .trim()
      .split('.')
      .reduce<unknown>((value, key) => (isPlainObject(value) ? value[key] : undefined), scope);
  const rendered = source
    .replace(/\{\{#tojson\}\}(.*?)\{\{\/tojson\}\}/g, (_, path: string) => JSON.stringify(lookup(path) ?? null))
    .replace(/\{\{\{?([^{}#/]+?)\}?\}\}/g, (_, path: string) => {
      const value = lookup(path);
      if (value === undefined || value === null) return '';
      return Array.isArray(value) ? value.join(',') : String(value);
    });
  if ((template.format ?? 'string') === 'json') {
    try {
      const parsed: unknown = JSON.parse(rendered);
      if (typeof parsed === 'string') return [parsed];
      if (Array.isArray(parsed)) return parsed.filter((r): r is string => typeof r === 'string');
    } catch {
      // A template that renders invalid JSON grants nothing.
    }
    return [];
  }
  return rendered === '' ? [] : [rendered];
}

interface CompiledMapping {
  name: string;
  mapping: RoleMapping;
  rule: RuleExpression;
}

export interface PutRoleMappingInput {
  enabled: boolean;
  roles?: string[];
  role_templates?: RoleTemplate[];
  rules: RuleExpression;
  metadata: Record<string, unknown>;
}

/**
 * Stored role mappings and role resolution. Mappings are compiled once and kept in memory; every
 * change rebuilds the cache, so resolution never touches SQLite.
 */
export class RoleMappingService {
  private compiled?: CompiledMapping[];

  constructor(private readonly store: RoleMappingsStore) {}

  /** PutRoleMappingRequest.validate: throws Elasticsearch's 400 validation error. */
  static validate(input: PutRoleMappingInput): void {
    const problems: string[] = [];
    const roles = input.roles ?? [];
    const templates = input.role_templates ?? [];
    if (roles.length === 0 && templates.length === 0) problems.push('role-mapping roles or role-templates are missing');
    if (roles.length > 0 && templates.length > 0) problems.push('role-mapping cannot have both roles and role-templates');
    if (Object.keys(input.metadata).some((k) => k.startsWith('_'))) problems.push('metadata keys may not start with [_]');
    if (problems.length > 0) throw validationError(problems);
  }

  /** Validates and stores a mapping. Returns whether it was created. */
  put(name: string, input: PutRoleMappingInput): boolean {
    RoleMappingService.validate(input);
    validateNoReadOnlySuffix(name);
    const roles = input.roles ?? [];
    const templates = input.role_templates ?? [];
    // Elasticsearch's key order: enabled, roles, role_templates, rules, metadata.
    const mapping: RoleMapping = {
      enabled: input.enabled,
      ...(input.roles !== undefined ? { roles } : {}),
      ...(templates.length > 0 ? { role_templates: templates } : {}),
      rules: rulesToJson(input.rules),
      metadata: input.metadata,
    };
    const created = this.store.upsert(name, mapping);
    this.compiled = undefined;
    return created;
  }

  get(name: string): RoleMapping | undefined {
    return this.store.get<RoleMapping>(name);
  }

  list(): Array<{ name: string; mapping: RoleMapping }> {
    return this.store.list<RoleMapping>();
  }

  delete(name: string): boolean {
    const found = this.store.delete(name);
    this.compiled = undefined;
    return found;
  }

  /** The roles of every enabled mapping whose rules match, sorted and without duplicates. */
  resolveRoles(user: UserData): string[] {
    const model = buildModel(user);
    const roles = new Set<string>();
    for (const { mapping, rule } of this.mappings()) {
      if (!mapping.enabled || !matchesRule(rule, model)) continue;
      for (const role of mapping.roles ?? []) roles.add(role);
      for (const template of mapping.role_templates ?? []) for (const role of renderTemplate(template, user)) roles.add(role);
    }
    return [...roles].sort();
  }

  private mappings(): CompiledMapping[] {
    if (!this.compiled) {
      const compiled: CompiledMapping[] = [];
      for (const { name, mapping } of this.store.list<RoleMapping>()) {
        try {
          compiled.push({ name, mapping, rule: parseRules(mapping.rules, name) });
        } catch {
          // Stored mappings were validated on write; an unreadable one grants nothing.
        }
      }
      this.compiled = compiled;
    }
    return this.compiled;
  }
}

/** A rule problem as the REST layer reports it. */
export function ruleParseException(error: RuleParseError): EsError {
  return new EsError(400, 'parse_exception', error.message);
}
