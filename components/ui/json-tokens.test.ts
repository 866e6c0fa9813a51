import { describe, expect, it } from 'vitest';
import { toCodeText, tokenizeJsonLine } from './json-tokens';

describe('tokenizeJsonLine', () => {
  it('classifies keys, strings, numbers, keywords and punctuation', () => {
    expect(tokenizeJsonLine('  "uid": "u_1", "n": -1.5e3, "ok": true, "x": null')).toEqual([
      { kind: 'plain', text: '  ' },
      { kind: 'key', text: '"uid"' },
      { kind: 'punct', text: ':' },
      { kind: 'plain', text: ' ' },
      { kind: 'string', text: '"u_1"' },
      { kind: 'punct', text: ',' },
      { kind: 'plain', text: ' ' },
      { kind: 'key', text: '"n"' },
      { kind: 'punct', text: ':' },
      { kind: 'plain', text: ' ' },
      { kind: 'number', text: '-1.5e3' },
      { kind: 'punct', text: ',' },
      { kind: 'plain', text: ' ' },
      { kind: 'key', text: '"ok"' },
      { kind: 'punct', text: ':' },
      { kind: 'plain', text: ' ' },
      { kind: 'keyword', text: 'true' },
      { kind: 'punct', text: ',' },
      { kind: 'plain', text: ' ' },
      { kind: 'key', text: '"x"' },
      { kind: 'punct', text: ':' },
      { kind: 'plain', text: ' ' },
      { kind: 'keyword', text: 'null' },
    ]);
  });
  it('handles escaped quotes and keeps all text', () => {
    const line = '"a\\"b": "c\\\\", [1, 2]';
    const tokens = tokenizeJsonLine(line);
    expect(tokens.map((t) => t.text).join('')).toBe(line);
    expect(tokens[0]).toEqual({ kind: 'key', text: '"a\\"b"' });
    expect(tokens[3]).toEqual({ kind: 'string', text: '"c\\\\"' });
  });
});

describe('toCodeText', () => {
  it('pretty-prints values and passes strings through', () => {
    expect(toCodeText({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(toCodeText('raw')).toBe('raw');
    expect(toCodeText(undefined)).toBe('');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toCodeText(cyclic)).toBe('[object Object]');
  });
});
