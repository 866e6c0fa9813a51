import type { ApplicationPrivileges, IndicesPrivileges, RoleDescriptor } from '@/lib/security/roles';
import { EsError } from '@/lib/security/errors';
import { nodeValue, objectEntries, parseObject, tokenName, type BodySource, type JsonNode } from './x-content';
import { APPLICATION_ENTRY_FIELDS } from './privileges-check-parser';
import { parseException } from './manual-parser';

/**
 * A role descriptor as RoleDescriptor.parse reads it: the body of PUT /_security/role/{name} and
 * each entry of an API key's `role_descriptors`. Errors are ElasticsearchParseException
 * (`parse_exception`) with its wording; privilege names are checked later, by validation.
 */
export function parseRoleDescriptor(source: BodySource, role: string, node: JsonNode): RoleDescriptor {
  if (node.type !== 'object') throw parseException(`failed to parse role [${role}]. expected an object but found [${tokenName(node)}] instead`);
  let cluster: string[] = [];
  let global: Record<string, unknown> | undefined;
  let indices: IndicesPrivileges[] = [];
  let applications: ApplicationPrivileges[] = [];
  let runAs: string[] = [];
  let metadata: Record<string, unknown> = {};
  let description: string | undefined;
  for (const { name, valueNode } of objectEntries(node)) {
    switch (name) {
      case 'cluster':
        cluster = roleStringArray(role, name, valueNode) ?? [];
        break;
      case 'run_as':
        runAs = roleStringArray(role, name, valueNode) ?? [];
        break;
      case 'indices':
      case 'index':
        indices = parseIndices(role, name, valueNode);
        break;
      case 'applications':
      case 'application':
        applications = parseApplications(source, role, name, valueNode);
        break;
      case 'metadata':
        if (valueNode.type !== 'object') throw parseException(`expected field [${name}] to be of type object, but found [${tokenName(valueNode)}] instead`);
        metadata = nodeValue(valueNode) as Record<string, unknown>;
        break;
      case 'transient_metadata':
        // Accepted and dropped, as Elasticsearch does: the server owns transient metadata.
        if (valueNode.type !== 'object') throw unexpectedField(role, name);
        break;
      case 'description':
        if (valueNode.type !== 'string') throw parseException(`failed to parse role [${role}]. expected field [${name}] value to be a string, but found [${tokenName(valueNode)}] instead`);
        description = valueNode.value as string;
        break;
      case 'global':
        // Configurable cluster privileges (application and profile management) are stored and
        // returned as given, but this engine does not enforce them.
        if (valueNode.type !== 'object') throw parseException(`failed to parse role [${role}]. expected field [${name}] value to be an object, but found [${tokenName(valueNode)}] instead`);
        global = nodeValue(valueNode) as Record<string, unknown>;
        if (Object.keys(global).length === 0) global = undefined;
        break;
      case 'type':
        // RoleDescriptor.parse ignores it ("don't need it").
        break;
      default:
        throw unexpectedField(role, name);
    }
  }
  // Keys in the order RoleDescriptor.toXContent writes them.
  return {
    cluster,
    ...(global ? { global } : {}),
    indices,
    applications,
    run_as: runAs,
    metadata,
    transient_metadata: { enabled: true },
    ...(description !== undefined ? { description } : {}),
  };
}

function unexpectedField(role: string, field: string): EsError {
  return parseException(`failed to parse role [${role}]. unexpected field [${field}]`);
}

/** XContentUtils.readStringArray, wrapped with the role name as RoleDescriptor.readStringArray does. */
function roleStringArray(role: string, field: string, node: JsonNode): string[] | undefined {
  const inner = stringArrayProblem(field, node);
  if (inner === null) return node.type === 'null' ? undefined : (node.children ?? []).map((child) => child.value as string);
  throw new EsError(400, 'parse_exception', `failed to parse role [${role}]`, { causedBy: { type: 'parse_exception', reason: inner } });
}

/** null when `node` is a string array or null; otherwise XContentUtils.readStringArray's message. */
function stringArrayProblem(field: string, node: JsonNode): string | null {
  if (node.type === 'null') return null;
  if (node.type !== 'array') return `could not parse [${field}] field. expected a string array but found [${tokenName(node)}] value instead`;
  const bad = (node.children ?? []).find((child) => child.type !== 'string');
  return bad ? `could not parse [${field}] field. expected a string array but one of the value in the array is [${tokenName(bad)}]` : null;
}

function parseIndices(role: string, field: string, node: JsonNode): IndicesPrivileges[] {
  if (node.type !== 'array') {
    throw parseException(`failed to parse indices privileges for role [${role}]. expected field [${field}] value to be an array, but found [${tokenName(node)}] instead`);
  }
  return (node.children ?? []).map((entry) => parseIndex(role, field, entry));
}

function parseIndex(role: string, field: string, node: JsonNode): IndicesPrivileges {
  const fail = (message: string) => parseException(`failed to parse indices privileges for role [${role}]. ${message}`);
  if (node.type !== 'object') {
    throw fail(`expected field [${field}] value to be an array of objects, but found an array element of type [${tokenName(node)}]`);
  }
  let names: string[] | undefined;
  let privileges: string[] | undefined;
  let fieldSecurity: Record<string, string[]> | undefined;
  let query: string | undefined;
  let allowRestricted = false;
  for (const { name, valueNode } of objectEntries(node)) {
    switch (name) {
      case 'names':
        if (valueNode.type === 'string') names = [valueNode.value as string];
        else if (valueNode.type === 'array') {
          names = roleStringArray(role, name, valueNode) ?? [];
          if (names.length === 0) throw fail(`[${name}] cannot be an empty array`);
        } else throw fail(`expected field [${name}] value to be a string or an array of strings, but found [${tokenName(valueNode)}] instead`);
        break;
      case 'privileges':
        privileges = roleStringArray(role, name, valueNode);
        break;
      case 'allow_restricted_indices':
        if (valueNode.type !== 'boolean') throw fail(`expected field [${name}] value to be a boolean, but found [${tokenName(valueNode)}] instead`);
        allowRestricted = valueNode.value as boolean;
        break;
      case 'query':
        // Kept as the JSON text Elasticsearch returns it as (document-level security is not
        // enforced by this engine).
        if (valueNode.type === 'object') query = JSON.stringify(nodeValue(valueNode));
        else if (valueNode.type === 'string') query = valueNode.value === '' ? undefined : (valueNode.value as string);
        else if (valueNode.type !== 'null') {
          throw fail(`expected field [${name}] value to be null, a string, an array, or an object, but found [${tokenName(valueNode)}] instead`);
        }
        break;
      case 'field_security':
        if (valueNode.type !== 'object') throw fail(`expected START_OBJECT but got ${tokenName(valueNode)} in "field_security".`);
        fieldSecurity = parseFieldSecurity(role, valueNode);
        break;
      case 'transient_metadata':
        if (valueNode.type !== 'object') throw parseException(`failed to parse transient metadata for role [${role}]. expected START_OBJECT but got ${tokenName(valueNode)} in "transient_metadata".`);
        break;
      default:
        throw fail(`unexpected field [${name}]`);
    }
  }
  if (names === undefined) throw fail('missing required [names] field');
  if (privileges === undefined) throw fail('missing required [privileges] field');
  // Keys in the order IndicesPrivileges.toXContent writes them.
  return {
    names,
    privileges,
    ...(fieldSecurity ? { field_security: fieldSecurity } : {}),
    ...(query !== undefined ? { query } : {}),
    allow_restricted_indices: allowRestricted,
  };
}

function parseFieldSecurity(role: string, node: JsonNode): Record<string, string[]> {
  const fail = (message: string) => parseException(`failed to parse indices privileges for role [${role}]. ${message}`);
  const entries = objectEntries(node);
  if (entries.length === 0) throw fail('"field_security" must not be empty.');
  const out: Record<string, string[]> = {};
  for (const { name, valueNode } of entries) {
    if (name !== 'grant' && name !== 'except') throw fail(`"field_security" only accepts options grant and except, but got: ${name}`);
    const values = roleStringArray(role, name, valueNode);
    if (values === undefined) throw fail(`${name} must not be null.`);
    out[name] = values;
  }
  if (out.except && !out.grant) throw fail('field_security requires grant if except is given');
  return out;
}

function parseApplications(source: BodySource, role: string, field: string, node: JsonNode): ApplicationPrivileges[] {
  const fail = (message: string) => parseException(`failed to parse application privileges for role [${role}]. ${message}`);
  if (node.type !== 'array') throw fail(`expected field [${field}] value to be an array, but found [${tokenName(node)}] instead`);
  return (node.children ?? []).map((entry) => {
    if (entry.type !== 'object') {
      throw fail(`expected field [${field}] value to be an array of objects, but found an array element of type [${tokenName(entry)}]`);
    }
    // ApplicationResourcePrivileges.PARSER, an ObjectParser, words its own field errors.
    const parsed = parseObject(source, entry, 'application', APPLICATION_ENTRY_FIELDS);
    if (parsed.resources === undefined) throw fail('missing required [resources] field');
    if (parsed.privileges === undefined) throw fail('missing required [privileges] field');
    return { application: (parsed.application as string | undefined) ?? '', privileges: parsed.privileges as string[], resources: parsed.resources as string[] };
  });
}
