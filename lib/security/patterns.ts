/**
 * Elasticsearch's string patterns (Automatons.pattern), as used by role index names, role-mapping
 * field values and `allowed_subject_patterns`: `/.../` is a Lucene regular expression matched
 * against the whole string; anything else is a wildcard pattern where `*` matches any run of
 * characters, `?` one character, and `\` escapes the next character.
 *
 * Matching runs on re2js (a pure JavaScript port of RE2), never on a backtracking JavaScript
 * RegExp: these patterns come from API callers, and Elasticsearch evaluates them as Lucene automata
 * in time linear in the input, so `/(a+)+b/` against a long run of `a`s must not block the event
 * loop. Patterns are translated to RE2 syntax here and compiled once.
 */
import { RE2JS } from 're2js';

export class PatternError extends Error {}

/** A compiled pattern: `test` is a full match, in time linear in the input. */
export interface PatternMatcher {
  test(value: string): boolean;
}

/**
 * The size bound of a compiled pattern. Elasticsearch determinizes each pattern with Lucene's
 * DEFAULT_DETERMINIZE_WORK_LIMIT (10,000) and refuses larger ones with
 * TooComplexToDeterminizeException ("Determinizing ... would result in more than 10000 states").
 * We never determinize (RE2 simulates the automaton without building it), so we bound what our
 * matching cost depends on instead: the compiled RE2 program may hold at most this many
 * instructions (roughly one per character position of the expanded pattern, so `a{5000}` is
 * accepted and `a{20000}` refused). A pattern over the bound is a PatternError with Lucene's
 * wording; callers report it as they report any invalid pattern (role-mapping PUT: 400
 * parse_exception; index privileges: the pattern grants nothing).
 */
export const MAX_PATTERN_PROGRAM_SIZE = 10_000;

/** Expanding `{n,m}` repetitions never builds RE2 source longer than this (checked before RE2). */
const MAX_TRANSLATED_LENGTH = 200_000;

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/]/g;

function escapeLiteral(text: string): string {
  return text.replace(REGEX_SPECIALS, '\\$&');
}

/** Whether a string is a Lucene regex pattern (`/.../`). */
export function isLuceneRegex(value: string): boolean {
  return value.length >= 2 && value.startsWith('/') && value.endsWith('/');
}

/** Regex.isSimpleMatchPattern: a wildcard pattern contains `*`. */
export function isSimpleMatchPattern(value: string): boolean {
  return value.includes('*');
}

function tooComplex(source: string): PatternError {
  return new PatternError(`Determinizing ${source} would result in more than ${MAX_PATTERN_PROGRAM_SIZE} states.`);
}

/** Compiles RE2 source for full matches; `description` names the pattern in errors. */
function compileRe2(re2Source: string, description: string): PatternMatcher {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(re2Source);
  } catch {
    throw new PatternError(`invalid regular expression [${description}]`);
  }
  if (compiled.re2Input.prog.inst.length > MAX_PATTERN_PROGRAM_SIZE) throw tooComplex(description);
  return { test: (value: string) => compiled.testExact(value) };
}

/** The source for the RegExp base object (never used to match): ours, if JavaScript accepts it. */
function javaScriptSource(source: string): string {
  try {
    new RegExp(source, 'u');
    return source;
  } catch {
    return '[^\\s\\S]';
  }
}

/**
 * A RegExp whose matching (`test`, `exec`, and through `exec` String.prototype.match/replace) runs
 * on the linear-time matcher. `compilePattern` returns this so that callers typed with RegExp keep
 * working; the JavaScript engine never evaluates the pattern.
 */
class LinearPattern extends RegExp {
  constructor(
    source: string,
    private readonly matcher: PatternMatcher,
  ) {
    super(javaScriptSource(source), 'u');
  }

  static get [Symbol.species](): RegExpConstructor {
    return RegExp;
  }

  override test(value: string): boolean {
    return this.matcher.test(String(value));
  }

  override exec(value: string): RegExpExecArray | null {
    const input = String(value);
    if (!this.matcher.test(input)) return null;
    const result = [input] as unknown as RegExpExecArray;
    result.index = 0;
    result.input = input;
    return result;
  }
}

/** Compiles one pattern to an anchored, linear-time matcher; throws PatternError when invalid. */
export function compilePattern(pattern: string): RegExp {
  if (pattern.startsWith('/')) {
    if (pattern.length < 2 || !pattern.endsWith('/')) {
      throw new PatternError(
        `invalid pattern [${pattern}]. patterns starting with '/' indicate regular expression pattern and therefore must also end with '/'. ` +
          "other patterns (those that do not start with '/') will be treated as simple wildcard patterns",
      );
    }
    const body = pattern.slice(1, -1);
    const source = translateLuceneRegex(body);
    return new LinearPattern(source, compileRe2(source, body));
  }
  const source = translateWildcard(pattern, true);
  return new LinearPattern(source, compileRe2(source, pattern));
}

/** Compiles a Lucene regular expression body (without the slashes); throws PatternError. */
export function compileLuceneRegex(body: string): PatternMatcher {
  return compileRe2(translateLuceneRegex(body), body);
}

/**
 * Compiles a wildcard pattern (`*` any run, `?` one character). With `escapes`, `\` escapes the
 * next character (Automatons.wildcard); without, it is an ordinary character.
 */
export function compileWildcard(pattern: string, escapes = true): PatternMatcher {
  return compileRe2(translateWildcard(pattern, escapes), pattern);
}

function translateWildcard(pattern: string, escapes: boolean): string {
  const chars = Array.from(pattern);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (escapes && c === '\\' && i + 1 < chars.length) out += escapeLiteral(chars[++i]);
    else out += escapeLiteral(c);
  }
  return out;
}

interface Frame {
  out: string;
  atomStart: number;
}

/**
 * Translates a Lucene regular expression body (without the slashes) to RE2 source (which is also
 * valid JavaScript `u` source). Supported: `.` any character, `[...]` classes, `( | )`,
 * `* + ? {n} {n,} {n,m}` (also stacked, as Lucene allows: `a**`), `\x` escapes, `"..."` literal
 * strings, `@` any string, `#` the empty language. `^` and `$` are ordinary characters in Lucene.
 * The intersection (`&`), complement (`~`) and interval (`<n-m>`) operators are rejected
 * (privilege checks handle a whole-pattern `~` themselves). Throws PatternError.
 */
export function translateLuceneRegex(source: string): string {
  const chars = Array.from(source);
  const invalid = (detail?: string) => new PatternError(`invalid regular expression [${source}]${detail ? ': ' + detail : ''}`);
  const stack: Frame[] = [];
  // The current sequence's RE2 source, and where its last atom starts (-1: none to repeat).
  let out = '';
  let atomStart = -1;
  const atom = (text: string) => {
    atomStart = out.length;
    out += text;
  };
  const repeat = (build: (a: string) => string) => {
    if (atomStart < 0) throw invalid('nothing to repeat');
    const replaced = '(?:' + build(out.slice(atomStart)) + ')';
    if (atomStart + replaced.length > MAX_TRANSLATED_LENGTH) throw tooComplex(source);
    out = out.slice(0, atomStart) + replaced;
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    switch (c) {
      case '\\':
        if (i + 1 >= chars.length) throw invalid('trailing escape');
        atom(escapeLiteral(chars[++i]));
        break;
      case '.':
        atom('[\\s\\S]');
        break;
      case '@':
        atom('(?:[\\s\\S]*)');
        break;
      case '#':
        atom('[^\\s\\S]');
        break;
      case '"': {
        const end = chars.indexOf('"', i + 1);
        if (end < 0) throw invalid('unterminated string');
        atom('(?:' + escapeLiteral(chars.slice(i + 1, end).join('')) + ')');
        i = end;
        break;
      }
      case '[': {
        const { text, next } = translateClass(chars, i, invalid);
        atom(text);
        i = next - 1;
        break;
      }
      case '(':
        stack.push({ out, atomStart });
        out = '';
        atomStart = -1;
        break;
      case ')': {
        const outer = stack.pop();
        if (!outer) throw invalid('unbalanced parenthesis');
        const inner = out;
        out = outer.out;
        atom('(?:' + inner + ')');
        break;
      }
      case '|':
        out += '|';
        atomStart = -1;
        break;
      case '*':
      case '+':
      case '?':
        repeat((a) => a + c);
        break;
      case '{': {
        const end = chars.indexOf('}', i);
        const body = end < 0 ? '' : chars.slice(i + 1, end).join('');
        const match = /^(\d+)(,(\d*))?$/.exec(body);
        if (!match) throw invalid('bad repetition');
        const min = Number(match[1]);
        const max = match[2] === undefined ? min : match[3] === '' ? undefined : Number(match[3]);
        if (max !== undefined && max < min) throw invalid('bad repetition');
        // Expanded here (RE2 caps counts at 1000; Lucene does not): the program size bound decides.
        repeat((a) => {
          const copies = min + (max === undefined ? 1 : max - min);
          if (a.length * copies > MAX_TRANSLATED_LENGTH) throw tooComplex(source);
          return a.repeat(min) + (max === undefined ? a + '*' : (a + '?').repeat(max - min));
        });
        i = end;
        break;
      }
      case '&':
      case '~':
      case '<':
        throw invalid(`operator [${c}] is not supported`);
      default:
        atom(escapeLiteral(c));
    }
    if (out.length > MAX_TRANSLATED_LENGTH) throw tooComplex(source);
  }
  if (stack.length !== 0) throw invalid('unbalanced parenthesis');
  return out;
}

function translateClass(chars: string[], start: number, invalid: (detail: string) => PatternError): { text: string; next: number } {
  let i = start + 1;
  let out = '[';
  if (chars[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  for (; i < chars.length; i++) {
    const c = chars[i];
    if (c === ']' && !first) return { text: out + ']', next: i + 1 };
    first = false;
    if (c === '\\' && i + 1 < chars.length) {
      const escaped = chars[++i];
      out += /[\]\\^[-]/.test(escaped) ? '\\' + escaped : escaped;
    } else if (c === '-') {
      out += '-';
    } else {
      out += /[\]\\^[]/.test(c) ? '\\' + c : c;
    }
  }
  throw invalid('unterminated character class');
}
