/**
 * The `filter_path` response parameter every Elasticsearch endpoint accepts: a comma-separated
 * list of dotted field paths that keeps only the matching parts of a response, after
 * Elasticsearch's FilterPath. A segment may use `*` as a wildcard within a field name, `**`
 * matches any number of levels, and a path starting with `-` removes what it matches instead.
 * Arrays are transparent: a path applies to the objects inside them. With inclusions, objects
 * and arrays left with nothing are dropped, and a response with no match at all is `{}`.
 * Errors are never filtered, as in Elasticsearch.
 */

type Path = readonly string[];

export interface FilterPath {
  includes: Path[];
  excludes: Path[];
}

/** Parses the parameter's value; undefined when it names no path (the response is unfiltered). */
export function parseFilterPath(value: string): FilterPath | undefined {
  const includes: Path[] = [];
  const excludes: Path[] = [];
  for (const raw of value.split(',')) {
    const text = raw.trim();
    if (text === '' || text === '-') continue;
    if (text.startsWith('-')) excludes.push(text.slice(1).split('.'));
    else includes.push(text.split('.'));
  }
  return includes.length + excludes.length > 0 ? { includes, excludes } : undefined;
}

/** The response body with the filter applied (a JSON value in, a JSON value out). */
export function applyFilterPath(body: unknown, filter: FilterPath): unknown {
  let result: unknown = JSON.parse(JSON.stringify(body ?? null));
  if (filter.includes.length > 0) result = keep(result, filter.includes) ?? {};
  if (filter.excludes.length > 0) result = remove(result, filter.excludes) ?? {};
  return result;
}

/** The paths still to match below a field named `name`, given those that reached its object. */
function descend(paths: readonly Path[], name: string): Path[] {
  const next: Path[] = [];
  for (const path of paths) {
    const [head, ...rest] = path;
    if (head === '**') {
      next.push(path); // ** goes on matching deeper ...
      if (rest.length > 0 && matchesName(rest[0], name)) next.push(rest.slice(1)); // ... or ends here
      else if (rest.length === 0) next.push([]);
    } else if (matchesName(head, name)) {
      next.push(rest);
    }
  }
  return next;
}

function keep(value: unknown, paths: readonly Path[]): unknown {
  if (paths.some((p) => p.length === 0)) return value;
  if (Array.isArray(value)) {
    const kept = value.map((item) => keep(item, paths)).filter((item) => item !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [name, child] of Object.entries(value)) {
    const next = descend(paths, name);
    if (next.length === 0) continue;
    const kept = keep(child, next);
    if (kept === undefined) continue;
    Object.defineProperty(out, name, { value: kept, enumerable: true, writable: true, configurable: true });
    any = true;
  }
  return any ? out : undefined;
}

function remove(value: unknown, paths: readonly Path[]): unknown {
  if (paths.some((p) => p.length === 0)) return undefined;
  if (Array.isArray(value)) return value.map((item) => remove(item, paths)).filter((item) => item !== undefined);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(value)) {
    const next = descend(paths, name);
    const kept = next.length === 0 ? child : remove(child, next);
    if (kept !== undefined) Object.defineProperty(out, name, { value: kept, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A field-name pattern: `*` matches any run of characters. */
function matchesName(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const parts = pattern.split('*');
  if (!name.startsWith(parts[0]) || !name.endsWith(parts[parts.length - 1])) return false;
  let at = parts[0].length;
  const end = name.length - parts[parts.length - 1].length;
  if (at > end) return false;
  for (const part of parts.slice(1, -1)) {
    const found = name.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}
