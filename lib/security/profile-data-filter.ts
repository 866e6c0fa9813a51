import { compileWildcard, type PatternMatcher } from './patterns';

/**
 * Selects application data the way Elasticsearch's source filtering does for the `data`
 * parameter: comma-separated paths such as `app1`, `app1.key1`, `*` or `app*`, where `*`
 * matches any characters (dots included).
 */
export function filterApplicationData(
  data: Record<string, unknown>,
  patterns: readonly string[],
): Record<string, unknown> {
  const active = patterns.map((p) => p.trim()).filter((p) => p !== '');
  if (active.length === 0) return {};
  return filterObject(data, '', active.map(compile)) ?? {};
}

interface CompiledPattern {
  source: string;
  full: PatternMatcher;
}

/**
 * Regex.simpleMatch: only `*` is special. Matched in linear time (the patterns come from the
 * request); `?` and `\` are escaped so the wildcard compiler takes them literally.
 */
function compile(pattern: string): CompiledPattern {
  return { source: pattern, full: compileWildcard(pattern.replace(/[\\?]/g, '\\$&')) };
}

/** Could `pattern` match some path below `prefix` (which ends with a dot)? */
function mayMatchBelow(pattern: string, prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) {
    if (i >= pattern.length) return false;
    if (pattern[i] === '*') return true;
    if (pattern[i] !== prefix[i]) return false;
  }
  return pattern.length > prefix.length;
}

function filterObject(
  node: Record<string, unknown>,
  prefix: string,
  patterns: readonly CompiledPattern[],
): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [key, value] of Object.entries(node)) {
    const path = prefix + key;
    if (patterns.some((p) => p.full.test(path))) {
      out[key] = value;
      any = true;
      continue;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const below = patterns.filter((p) => mayMatchBelow(p.source, path + '.'));
      if (below.length === 0) continue;
      const child = filterObject(value as Record<string, unknown>, path + '.', below);
      if (child !== undefined) {
        out[key] = child;
        any = true;
      }
    }
  }
  return any ? out : undefined;
}
