/**
 * tokenizeJsonLine(line): splits one line of (pretty-printed) JSON into coloured tokens for
 * CodeBlock: key | string | number | keyword (true/false/null) | punct | plain. Tolerant: any
 * text is accepted, unknown parts come back as plain.
 */
export type JsonTokenKind = 'key' | 'string' | 'number' | 'keyword' | 'punct' | 'plain';
export interface JsonToken {
  kind: JsonTokenKind;
  text: string;
}

const TOKEN =
  /("(?:\\.|[^"\\])*")(\s*:)?|(-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)|\b(true|false|null)\b|([{}[\],:])/g;

export function tokenizeJsonLine(line: string): JsonToken[] {
  const out: JsonToken[] = [];
  let last = 0;
  for (const m of line.matchAll(TOKEN)) {
    const index = m.index ?? 0;
    if (index > last) out.push({ kind: 'plain', text: line.slice(last, index) });
    if (m[1] !== undefined) {
      if (m[2] !== undefined) {
        out.push({ kind: 'key', text: m[1] });
        out.push({ kind: 'punct', text: m[2] });
      } else {
        out.push({ kind: 'string', text: m[1] });
      }
    } else if (m[3] !== undefined) {
      out.push({ kind: 'number', text: m[3] });
    } else if (m[4] !== undefined) {
      out.push({ kind: 'keyword', text: m[4] });
    } else {
      out.push({ kind: 'punct', text: m[0] });
    }
    last = index + m[0].length;
  }
  if (last < line.length) out.push({ kind: 'plain', text: line.slice(last) });
  return out;
}

/** Pretty JSON text for a JS value (2-space indent); strings are returned unchanged. */
export function toCodeText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
