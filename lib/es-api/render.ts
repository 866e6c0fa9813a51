import { stringify as stringifyYaml } from 'yaml';
import { EsError } from '@/lib/security/errors';

/** Elasticsearch's structured error body: {error:{root_cause,type,reason,...},status}. */
export function errorBody(error: EsError): Record<string, unknown> {
  const header = error.headers ? { header: error.headers } : {};
  const cause = { type: error.type, reason: error.reason, ...(error.metadata ?? {}), ...header };
  const outer: Record<string, unknown> = { root_cause: [cause], type: error.type, reason: error.reason, ...(error.metadata ?? {}) };
  if (error.causedBy) outer.caused_by = error.causedBy;
  Object.assign(outer, header);
  return { error: outer, status: error.status };
}

/** RestController's plain-string errors, used for routing and content-type problems. */
export function simpleErrorBody(message: string, status: number): Record<string, unknown> {
  return { error: message, status };
}

/** JSON, or with `?pretty` Jackson's layout as Elasticsearch prints it: `"key" : value`, `{ }`, `[ ]`. */
/**
 * `?format=yaml`, as Elasticsearch's YAML generator (Jackson) writes it: a `---` document
 * start, double-quoted strings, plain keys, sequences not indented under their key.
 */
export function serializeYaml(body: unknown): string {
  return '---\n' + stringifyYaml(body ?? null, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', indentSeq: false, lineWidth: 0 });
}

export function serialize(body: unknown, pretty: boolean): string {
  if (!pretty) return JSON.stringify(body);
  return prettyPrint(body, '') + '\n';
}

function prettyPrint(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return '[\n' + value.map((v) => inner + prettyPrint(v, inner)).join(',\n') + '\n' + indent + ']';
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{ }';
  return '{\n' + entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${prettyPrint(v, inner)}`).join(',\n') + '\n' + indent + '}';
}
