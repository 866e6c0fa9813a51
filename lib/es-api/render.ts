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

/** JSON like Elasticsearch's `?pretty` output: two-space indent and `"key" : value`. */
export function serialize(body: unknown, pretty: boolean): string {
  if (!pretty) return JSON.stringify(body);
  return JSON.stringify(body, null, 2).replace(/^(\s*"(?:[^"\\]|\\.)*"):/gm, '$1 :') + '\n';
}
