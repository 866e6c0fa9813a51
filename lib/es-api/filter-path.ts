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
    const exclude = text.startsWith('-');
    // "a.**.**.b" means "a.**.b": merged here, so repeated ** cannot multiply the work below.
    const segments = (exclude ? text.slice(1) : text).split('.').filter((seg, i, all) => !(seg === '**' && all[i - 1] === '**'));
    (exclude ? excludes : includes).push(segments);
  }
  return includes.length + excludes.length > 0 ? { includes, excludes } : undefined;
}

/** The response body with the filter applied (a JSON value in, a JSON value out). */
export function applyFilterPath(body: unknown, filter: FilterPath): unknown {
  let result: unknown = JSON.parse(JSON.stringify(body ?? null));
  if (filter.includes.length > 0) {
    const matcher = new Matcher(filter.includes);
    result = keep(result, matcher, matcher.start()) ?? {};
  }
  if (filter.excludes.length > 0) {
    const matcher = new Matcher(filter.excludes);
    result = remove(result, matcher, matcher.start()) ?? {};
  }
  return result;
}

/**
 * Where each path stands while walking down the response: a state is one path and the index of
 * its next segment. States are kept as a set of numbers, so however the `**` segments branch,
 * a node never sees more states than the filter has segments.
 */
class Matcher {
  private readonly stride: number;

  constructor(private readonly paths: readonly Path[]) {
    this.stride = Math.max(...paths.map((p) => p.length)) + 1;
  }

  start(): number[] {
    return this.paths.map((_, i) => i * this.stride);
  }

  /** Some path ended at this node: all of it is selected. */
  complete(states: readonly number[]): boolean {
    return states.some((state) => state % this.stride === this.paths[Math.floor(state / this.stride)].length);
  }

  /** The states below a field named `name`. */
  descend(states: readonly number[], name: string): number[] {
    const next = new Set<number>();
    for (const state of states) {
      const path = this.paths[Math.floor(state / this.stride)];
      const at = state % this.stride;
      if (at === path.length) continue;
      if (path[at] === '**') {
        next.add(state); // ** takes this level and goes on matching deeper ...
        if (at + 1 === path.length) next.add(state + 1); // ... a trailing ** selects everything below ...
        else if (matchesName(path[at + 1], name)) next.add(state + 2); // ... or it ends here
      } else if (matchesName(path[at], name)) {
        next.add(state + 1);
      }
    }
    return [...next];
  }
}

function keep(value: unknown, matcher: Matcher, states: readonly number[]): unknown {
  if (matcher.complete(states)) return value;
  if (Array.isArray(value)) {
    const kept = value.map((item) => keep(item, matcher, states)).filter((item) => item !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [name, child] of Object.entries(value)) {
    const next = matcher.descend(states, name);
    if (next.length === 0) continue;
    const kept = keep(child, matcher, next);
    if (kept === undefined) continue;
    Object.defineProperty(out, name, { value: kept, enumerable: true, writable: true, configurable: true });
    any = true;
  }
  return any ? out : undefined;
}

function remove(value: unknown, matcher: Matcher, states: readonly number[]): unknown {
  if (matcher.complete(states)) return undefined;
  if (Array.isArray(value)) return value.map((item) => remove(item, matcher, states)).filter((item) => item !== undefined);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(value)) {
    const next = matcher.descend(states, name);
    const kept = next.length === 0 ? child : remove(child, matcher, next);
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
