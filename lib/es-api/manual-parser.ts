import { EsError } from '@/lib/security/errors';
import { nodeValue, objectEntries, tokenName, type BodySource, type JsonNode } from './x-content';

/**
 * Hand-written body parsers in Elasticsearch (put user, put role, change password) throw
 * ElasticsearchParseException (`parse_exception`) with their own wording rather than
 * ObjectParser's. This reads a flat object the same way.
 */
export type ManualKind = 'string' | 'nullable_string' | 'string_array' | 'object' | 'boolean' | 'array';

export function parseManual(
  source: BodySource,
  root: JsonNode,
  fields: Record<string, ManualKind>,
  unknownFieldMessage: (field: string) => string,
): Record<string, unknown> {
  if (root.type !== 'object') {
    throw parseException(`failed to parse request. expected an object but found [${tokenName(root)}] instead`);
  }
  const out: Record<string, unknown> = {};
  for (const { name, valueNode } of objectEntries(root)) {
    const kind = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!kind) throw parseException(unknownFieldMessage(name));
    out[name] = readValue(name, kind, valueNode);
  }
  return out;
}

function readValue(field: string, kind: ManualKind, node: JsonNode): unknown {
  const found = tokenName(node);
  switch (kind) {
    case 'string':
      if (node.type !== 'string') throw typeMismatch(field, 'string', found);
      return node.value;
    case 'nullable_string':
      if (node.type === 'null') return null;
      if (node.type !== 'string') throw typeMismatch(field, 'string', found);
      return node.value;
    case 'boolean':
      if (node.type !== 'boolean') throw typeMismatch(field, 'boolean', found);
      return node.value;
    case 'object':
      if (node.type !== 'object') throw typeMismatch(field, 'object', found);
      return nodeValue(node);
    case 'array':
      if (node.type !== 'array') throw typeMismatch(field, 'array', found);
      return nodeValue(node);
    case 'string_array': {
      if (node.type === 'string') return [node.value];
      if (node.type !== 'array') throw typeMismatch(field, 'array', found);
      return (node.children ?? []).map((child) => {
        if (child.type !== 'string') {
          throw parseException(`could not parse [${field}] field. expected a string array but one of the value in the array is [${tokenName(child)}]`);
        }
        return child.value as string;
      });
    }
  }
}

export function parseException(reason: string): EsError {
  return new EsError(400, 'parse_exception', reason);
}

function typeMismatch(field: string, expected: string, found: string): EsError {
  return parseException(`expected field [${field}] to be of type ${expected}, but found [${found}] instead`);
}
