import { describe, expect, it } from 'vitest';
import { compileLuceneRegex, compilePattern, compileWildcard, MAX_PATTERN_PROGRAM_SIZE, PatternError, translateLuceneRegex } from './patterns';

const lucene = (body: string, value: string) => compileLuceneRegex(body).test(value);

/** Milliseconds one call takes. */
function timed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe('Lucene regular expressions', () => {
  it('match the whole value with Lucene syntax', () => {
    expect(lucene('a.c', 'abc')).toBe(true);
    expect(lucene('a.c', 'a\nc')).toBe(true); // `.` is any character
    expect(lucene('b', 'abc')).toBe(false); // whole value only
    expect(lucene('[a-c]+', 'abcab')).toBe(true);
    expect(lucene('[^a-c]+', 'xyz')).toBe(true);
    expect(lucene('[^a-c]+', 'xaz')).toBe(false);
    expect(lucene('(foo|bar)-[0-9]{2,3}', 'bar-123')).toBe(true);
    expect(lucene('(foo|bar)-[0-9]{2,3}', 'bar-1234')).toBe(false);
    expect(lucene('x{3}', 'xxx')).toBe(true);
    expect(lucene('x{3}', 'xx')).toBe(false);
    expect(lucene('x{2,}', 'xxxxx')).toBe(true);
    expect(lucene('x{2,}', 'x')).toBe(false);
    expect(lucene('"a.b"*', 'a.ba.b')).toBe(true); // a quoted string is one atom
    expect(lucene('"a.b"*', 'axb')).toBe(false);
    expect(lucene('logs-@', 'logs-anything')).toBe(true);
    expect(lucene('#', '')).toBe(false);
    expect(lucene('#|a', 'a')).toBe(true);
    expect(lucene('^a$', '^a$')).toBe(true); // ordinary characters in Lucene
    expect(lucene('\\d', 'd')).toBe(true); // `\x` is the character x
    expect(lucene('a**', 'aaa')).toBe(true); // stacked repetition, as Lucene allows
    expect(lucene('(ab)+?', '')).toBe(true);
    expect(lucene('😀+', '😀😀')).toBe(true);
    expect(lucene('a{0}b', 'b')).toBe(true);
  });

  it('rejects invalid and unsupported syntax', () => {
    for (const body of ['a(b', 'a)b', '[ab', '"ab', 'a\\', '*a', 'a{2,1}', 'a{x}', 'a&b', '~a', '<1-5>']) {
      expect(() => compileLuceneRegex(body), body).toThrow(PatternError);
    }
  });

  it('matches in time linear in the input: /(a+)+b/ does not backtrack', () => {
    // A backtracking RegExp takes about a second on 26 characters (its first, interpreted run) and doubles with each one more.
    for (const length of [26, 45, 10_000]) {
      const input = 'a'.repeat(length);
      const matcher = compilePattern('/(a+)+b/');
      expect(timed(() => expect(matcher.test(input)).toBe(false)), `${length} characters`).toBeLessThan(150);
    }
    const nested = compileLuceneRegex('((a|aa)*)*(b|c)*d');
    expect(timed(() => nested.test('a'.repeat(5000) + 'e'))).toBeLessThan(150);
  });

  it('refuses patterns over the size bound with Lucene\'s message', () => {
    expect(lucene('a{5000}', 'a'.repeat(5000))).toBe(true); // Lucene accepts this; RE2's own cap is 1000
    expect(() => compileLuceneRegex(`a{${MAX_PATTERN_PROGRAM_SIZE * 2}}`)).toThrow(
      `Determinizing a{${MAX_PATTERN_PROGRAM_SIZE * 2}} would result in more than ${MAX_PATTERN_PROGRAM_SIZE} states.`,
    );
    expect(() => compileLuceneRegex('((a{1000}){1000}){1000}')).toThrow(PatternError);
    expect(() => translateLuceneRegex('((((((((a{10}){10}){10}){10}){10}){10}){10}){10})')).toThrow(/^Determinizing/);
  });
});

describe('compilePattern', () => {
  it('returns a RegExp whose test and match use the linear matcher', () => {
    const regex = compilePattern('/user-[0-9]+/');
    expect(regex).toBeInstanceOf(RegExp);
    expect(regex.test('user-12')).toBe(true);
    expect(regex.test('user-12x')).toBe(false);
    expect('user-7'.match(regex)?.[0]).toBe('user-7');
    expect(compilePattern('/(a+)+b/').exec('a'.repeat(40))).toBeNull();
  });

  it('wildcards: `*`, `?` and `\\` escapes, linear too', () => {
    expect(compilePattern('svc-*').test('svc-a\nb')).toBe(true);
    expect(compilePattern('a?c').test('abc')).toBe(true);
    expect(compilePattern('a\\*c').test('abc')).toBe(false);
    expect(compilePattern('a\\*c').test('a*c')).toBe(true);
    expect(compileWildcard('a\\b', false).test('a\\b')).toBe(true);
    const many = compilePattern('*a'.repeat(20) + '*b');
    expect(timed(() => expect(many.test('a'.repeat(2000))).toBe(false))).toBeLessThan(150);
    expect(() => compilePattern('/a')).toThrow(/^invalid pattern \[\/a\]/);
  });
});
