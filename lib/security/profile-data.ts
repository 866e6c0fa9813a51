/**
 * Update profile data (PUT /_security/profile/{uid}/_data): request validation, the
 * seq_no / primary_term condition and Elasticsearch's partial-document merge.
 */

export interface UpdateProfileDataInput {
  labels?: Record<string, unknown>;
  data?: Record<string, unknown>;
}

/** -1 (or any negative value) means "not given", as the REST handler passes them on. */
export interface WriteCondition {
  ifSeqNo: number;
  ifPrimaryTerm: number;
}

export const NO_CONDITION: WriteCondition = { ifSeqNo: -1, ifPrimaryTerm: -1 };

/**
 * UpdateProfileDataRequest.validate: the application names are the top-level keys of labels
 * and data together.
 */
export function validateUpdateProfileData(input: UpdateProfileDataInput): string[] {
  const names = [...new Set([...Object.keys(input.labels ?? {}), ...Object.keys(input.data ?? {})])];
  const problems: string[] = [];
  if (names.length === 0) problems.push('update request is empty');
  const withDot = names.filter((n) => n.includes('.'));
  if (withDot.length > 0) problems.push(`application name must not contain dot, but found [${withDot.join(',')}]`);
  const withUnderscore = names.filter((n) => n.startsWith('_'));
  if (withUnderscore.length > 0) {
    problems.push(`application name must not start with underscore, but found [${withUnderscore.join(',')}]`);
  }
  return problems;
}

/**
 * The profile service sets if_seq_no / if_primary_term on its update request only when they
 * are >= 0; the update request then validates the pair (UpdateRequest.validate, where an unset
 * primary term is 0 and an unset seq_no is "unassigned").
 */
export function writeConditionProblems(condition: WriteCondition): string[] {
  const seqNoSet = condition.ifSeqNo >= 0;
  const primaryTerm = condition.ifPrimaryTerm >= 0 ? condition.ifPrimaryTerm : 0;
  const problems: string[] = [];
  if (primaryTerm === 0 && seqNoSet) problems.push('ifSeqNo is set, but primary term is [0]');
  if (primaryTerm !== 0 && !seqNoSet) problems.push(`ifSeqNo is unassigned, but primary term is [${primaryTerm}]`);
  return problems;
}

/** Whether the condition asks for a compare-and-write. */
export function isConditional(condition: WriteCondition): boolean {
  return condition.ifSeqNo >= 0 && condition.ifPrimaryTerm > 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Deep equality for JSON values; object key order does not matter (Java's Map.equals). */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEquals(item, b[i]));
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEquals(a[k], b[k]));
  }
  return false;
}

function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * XContentHelper.update: merges `changes` into `source` in place. Objects on both sides merge
 * recursively; anything else (scalars, arrays, explicit null) replaces the old value; new keys
 * are appended. Returns whether the source changed (for the update's noop detection).
 */
export function mergeInto(source: Record<string, unknown>, changes: Record<string, unknown>): boolean {
  let modified = false;
  for (const [key, value] of Object.entries(changes)) {
    if (!Object.hasOwn(source, key)) {
      source[key] = cloneJson(value);
      modified = true;
      continue;
    }
    const old = source[key];
    if (isPlainObject(old) && isPlainObject(value)) {
      if (mergeInto(old, value)) modified = true;
      continue;
    }
    source[key] = cloneJson(value);
    if (!modified && !jsonEquals(old, value)) modified = true;
  }
  return modified;
}
