/**
 * Elasticsearch's "did you mean" hint: candidates whose Lucene Levenshtein similarity
 * (1 - distance / longer length) is above 0.5, best first, ties by name.
 */
export function similarCandidates(input: string, candidates: Iterable<string>): string[] {
  const scored: Array<[number, string]> = [];
  for (const candidate of candidates) {
    const similarity = 1 - levenshtein(input, candidate) / Math.max(input.length, candidate.length);
    if (similarity > 0.5) scored.push([similarity, candidate]);
  }
  scored.sort((a, b) => b[0] - a[0] || a[1].localeCompare(b[1]));
  return scored.map(([, name]) => name);
}

/** " did you mean [x]?" / " did you mean any of [a, b]?" or "" (for unknown body fields). */
export function suggestSimilar(input: string, candidates: Iterable<string>): string {
  const keys = similarCandidates(input, candidates);
  if (keys.length === 0) return '';
  return keys.length === 1 ? ` did you mean [${keys[0]}]?` : ` did you mean any of [${keys.join(', ')}]?`;
}

function levenshtein(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}
