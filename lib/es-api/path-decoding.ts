/**
 * Checks of request paths that Next.js cannot percent-decode (it answers those with a bare 500),
 * so that they get a 400 that says why, with Elasticsearch's messages (RestUtils.decodeComponent)
 * where it has one.
 */

/** Elasticsearch's IllegalArgumentException text for the first malformed escape, per path segment. */
export function malformedEscapeMessage(path: string): string | undefined {
  for (const segment of path.split('/')) {
    const size = segment.length;
    for (let i = 0; i < size; i++) {
      if (segment[i] !== '%') continue;
      if (i === size - 1) return `unterminated escape sequence at end of string: ${segment}`;
      i++;
      // "%%" stands for "%" in Elasticsearch's decoder.
      if (segment[i] === '%') continue;
      if (i === size - 1) return `partial escape sequence at end of string: ${segment}`;
      i++;
      if (!isHex(segment[i - 1]) || !isHex(segment[i])) {
        return `invalid escape sequence \`%${segment[i - 1]}${segment[i]}' at index ${i - 2} of: ${segment}`;
      }
    }
  }
  return undefined;
}

/**
 * Why a path Next.js cannot decode is refused: Elasticsearch's message for a malformed escape,
 * else ours for what Elasticsearch would still decode ("%%" as "%", bytes that are not UTF-8 as
 * U+FFFD) but the framework cannot route. Undefined when every segment decodes.
 */
export function undecodablePathMessage(path: string): string | undefined {
  const malformed = malformedEscapeMessage(path);
  if (malformed) return malformed;
  for (const segment of path.split('/')) {
    if (segment.includes('%%')) return `path segment [${segment}] uses "%%" for "%": escape it as %25`;
    try {
      decodeURIComponent(segment);
    } catch {
      return `path segment [${segment}] does not decode to UTF-8 text`;
    }
  }
  return undefined;
}

function isHex(c: string): boolean {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
