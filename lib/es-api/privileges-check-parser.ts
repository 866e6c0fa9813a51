import { EsError, type EsErrorCause } from '@/lib/security/errors';
import type { ApplicationPrivilegesCheck, IndexPrivilegesCheck, PrivilegesToCheck } from '@/lib/security/privilege-check';
import { objectEntries, parseObject, tokenName, type BodySource, type JsonNode } from './x-content';

/**
 * The privileges object of the has-privileges APIs (user and profile), read as
 * RoleDescriptor.parsePrivilegesToCheck reads it, with its ElasticsearchParseException wording.
 */

/** A parse error raised at `node` while reading the privileges object. */
export class PrivilegesParseError extends Error {
  constructor(
    readonly node: JsonNode,
    readonly cause: EsErrorCause,
  ) {
    super(cause.reason);
  }
}

/** An ElasticsearchParseException, optionally wrapping another cause. */
function parseCause(reason: string, causedBy?: EsErrorCause): EsErrorCause {
  return (causedBy ? { type: 'parse_exception', reason, caused_by: causedBy } : { type: 'parse_exception', reason }) as EsErrorCause;
}

function fail(node: JsonNode, reason: string, causedBy?: EsErrorCause): never {
  throw new PrivilegesParseError(node, parseCause(reason, causedBy));
}

/** XContentUtils.readStringArray, re-wrapped as RoleDescriptor does ("failed to parse role [...]"). */
function readStringArray(description: string, field: string, node: JsonNode, allowNull: boolean): string[] | null {
  const wrap = (reason: string, at: JsonNode): never =>
    fail(at, `failed to parse role [${description}]`, parseCause(reason));
  if (node.type === 'null') {
    if (allowNull) return null;
    wrap(`could not parse [${field}] field. expected a string array but found null value instead`, node);
  }
  if (node.type !== 'array') wrap(`could not parse [${field}] field. expected a string array but found [${tokenName(node)}] value instead`, node);
  return (node.children ?? []).map((child) => {
    if (child.type !== 'string') {
      wrap(`could not parse [${field}] field. expected a string array but one of the value in the array is [${tokenName(child)}]`, child);
    }
    return child.value as string;
  });
}

interface ParsedIndexEntry extends IndexPrivilegesCheck {
  usesFls: boolean;
  usesDls: boolean;
}

function parseIndexEntry(description: string, field: string, node: JsonNode): ParsedIndexEntry {
  const prefix = `failed to parse indices privileges for role [${description}].`;
  if (node.type !== 'object') {
    fail(node, `${prefix} expected field [${field}] value to be an array of objects, but found an array element of type [${tokenName(node)}]`);
  }
  let names: string[] | null = null;
  let privileges: string[] | null = null;
  let allowRestrictedIndices = false;
  let usesDls = false;
  let granted: string[] | null = null;
  let except: string[] | null = null;
  for (const { name, valueNode } of objectEntries(node)) {
    switch (name) {
      case 'names':
        if (valueNode.type === 'string') names = [valueNode.value as string];
        else if (valueNode.type === 'array') {
          names = readStringArray(description, name, valueNode, false);
          if (names!.length === 0) fail(valueNode, `${prefix} [names] cannot be an empty array`);
        } else {
          fail(valueNode, `${prefix} expected field [names] value to be a string or an array of strings, but found [${tokenName(valueNode)}] instead`);
        }
        break;
      case 'allow_restricted_indices':
        if (valueNode.type !== 'boolean') {
          fail(valueNode, `${prefix} expected field [allow_restricted_indices] value to be a boolean, but found [${tokenName(valueNode)}] instead`);
        }
        allowRestrictedIndices = valueNode.value === true;
        break;
      case 'query':
        if (valueNode.type === 'object') usesDls = true;
        else if (valueNode.type === 'string') usesDls = usesDls || valueNode.value !== '';
        else if (valueNode.type !== 'null') {
          fail(valueNode, `${prefix} expected field [query] value to be null, a string, an array, or an object, but found [${tokenName(valueNode)}] instead`);
        }
        break;
      case 'field_security': {
        if (valueNode.type !== 'object') {
          fail(valueNode, `${prefix} expected START_OBJECT but got ${tokenName(valueNode)} in "field_security".`);
        }
        const entries = objectEntries(valueNode);
        if (entries.length === 0) fail(valueNode, `${prefix} "field_security" must not be empty.`);
        for (const entry of entries) {
          if (entry.name === 'grant') {
            granted = readStringArray(description, 'grant', entry.valueNode, true);
            if (granted === null) fail(entry.valueNode, `${prefix} grant must not be null.`);
          } else if (entry.name === 'except') {
            except = readStringArray(description, 'except', entry.valueNode, true);
            if (except === null) fail(entry.valueNode, `${prefix} except must not be null.`);
          } else {
            fail(entry.keyNode, `${prefix} "field_security" only accepts options grant and except, but got: ${entry.name}`);
          }
        }
        break;
      }
      case 'privileges':
        privileges = readStringArray(description, name, valueNode, true);
        break;
      case 'transient_metadata':
        if (valueNode.type !== 'object') {
          fail(valueNode, `failed to parse transient metadata for role [${description}]. expected START_OBJECT but got ${tokenName(valueNode)} in "transient_metadata".`);
        }
        break;
      default:
        fail(valueNode, `${prefix} unexpected field [${name}]`);
    }
  }
  if (names === null) fail(node, `${prefix} missing required [names] field`);
  if (privileges === null) fail(node, `${prefix} missing required [privileges] field`);
  if (except !== null && granted === null) fail(node, `${prefix} field_security requires grant if except is given`);
  if (privileges.length === 0) {
    throw new PrivilegesParseError(node, { type: 'illegal_argument_exception', reason: 'indices privileges must define at least one privilege' });
  }
  const g = granted as string[] | null;
  const e = except as string[] | null;
  const usesFls = (e !== null && e.length > 0) || (g !== null && !(g.length === 1 && g[0] === '*'));
  return { names, privileges, allowRestrictedIndices, usesFls, usesDls };
}

/** ApplicationResourcePrivileges.PARSER's fields (an ObjectParser named "application"). */
export const APPLICATION_ENTRY_FIELDS = {
  application: { kind: 'string' },
  privileges: { kind: 'string_array' },
  resources: { kind: 'string_array' },
} as const;

function parseApplicationEntry(source: BodySource, description: string, field: string, node: JsonNode): ApplicationPrivilegesCheck {
  const prefix = `failed to parse application privileges for role [${description}].`;
  if (node.type !== 'object') {
    fail(node, `${prefix} expected field [${field}] value to be an array of objects, but found an array element of type [${tokenName(node)}]`);
  }
  let entry: Record<string, unknown>;
  try {
    entry = parseObject(source, node, 'application', APPLICATION_ENTRY_FIELDS);
  } catch (error) {
    if (error instanceof EsError) throw new PrivilegesParseError(node, { type: error.type, reason: error.reason });
    throw error;
  }
  if (entry.resources === undefined) fail(node, `${prefix} missing required [resources] field`);
  if (entry.privileges === undefined) fail(node, `${prefix} missing required [privileges] field`);
  return {
    application: (entry.application as string | undefined) ?? '',
    privileges: entry.privileges as string[],
    resources: entry.resources as string[],
  };
}

/**
 * RoleDescriptor.parsePrivilegesToCheck: the privileges object of a has-privileges request.
 * `description` names the check in messages as Elasticsearch does (the request's parser name for
 * a profile check, the username for a user check). Errors are PrivilegesParseError at their node.
 */
export function parsePrivilegesToCheck(source: BodySource, node: JsonNode, description: string): PrivilegesToCheck {
  const prefix = `failed to parse privileges check [${description}].`;
  let cluster: string[] | null = null;
  let index: ParsedIndexEntry[] | null = null;
  let application: ApplicationPrivilegesCheck[] | null = null;
  for (const { name, valueNode } of objectEntries(node)) {
    if (name === 'index') {
      if (valueNode.type !== 'array') {
        fail(valueNode, `failed to parse indices privileges for role [${description}]. expected field [index] value to be an array, but found [${tokenName(valueNode)}] instead`);
      }
      index = (valueNode.children ?? []).map((child) => parseIndexEntry(description, name, child));
    } else if (name === 'cluster') {
      cluster = readStringArray(description, name, valueNode, true);
    } else if (name === 'application' || name === 'applications') {
      if (valueNode.type !== 'array') {
        fail(valueNode, `failed to parse application privileges for role [${description}]. expected field [${name}] value to be an array, but found [${tokenName(valueNode)}] instead`);
      }
      application = (valueNode.children ?? []).map((child) => parseApplicationEntry(source, description, name, child));
    } else {
      fail(valueNode, `${prefix} unexpected field [${name}]`);
    }
  }
  if (cluster === null && index === null && application === null) {
    fail(node, `${prefix} All privilege fields [cluster,index,applications] are missing`);
  }
  const entries = index ?? [];
  if (entries.some((e) => e.usesFls)) fail(node, 'Field [field_security] is not supported in a has_privileges request');
  if (entries.some((e) => e.usesDls)) fail(node, 'Field [query] is not supported in a has_privileges request');
  return {
    cluster: cluster ?? [],
    index: entries.map(({ names, privileges, allowRestrictedIndices }) => ({ names, privileges, allowRestrictedIndices })),
    application: application ?? [],
  };
}

