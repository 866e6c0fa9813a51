/**
 * Elasticsearch's string patterns (Automatons.pattern), as used by role-mapping field values and
 * `allowed_subject_patterns`: `/.../` is a Lucene regular expression matched against the whole
 * string; anything else is a wildcard pattern where `*` matches any run of characters, `?` one
 * character, and `\` escapes the next character.
 */

export class PatternError extends Error {}

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

/** Compiles one pattern to an anchored JavaScript RegExp; throws PatternError when invalid. */
export function compilePattern(pattern: string): RegExp {
  if (pattern.startsWith('/')) {
    if (pattern.length < 2 || !pattern.endsWith('/')) {
      throw new PatternError(
        `invalid pattern [${pattern}]. patterns starting with '/' indicate regular expression pattern and therefore must also end with '/'. ` +
          "other patterns (those that do not start with '/') will be treated as simple wildcard patterns",
      );
    }
    return new RegExp('^(?:' + translateLuceneRegex(pattern.slice(1, -1)) + ')$', 'u');
  }
  return new RegExp('^' + translateWildcard(pattern) + '$', 'su');
}

function translateWildcard(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '\\' && i + 1 < pattern.length) out += escapeLiteral(pattern[++i]);
    else out += escapeLiteral(c);
  }
  return out;
}

/**
 * Lucene RegExp syntax (the parts people use) to JavaScript: `.` any character, `[...]` classes,
 * `( | )`, `* + ? {n,m}`, `\x` escapes, `"..."` literal strings, `@` any string, `#` the empty
 * language. `^` and `$` are ordinary characters in Lucene. The intersection (`&`), complement
 * (`~`) and interval (`<n-m>`) operators have no JavaScript equivalent and are rejected.
 */
/**
 * Translates a Lucene regular expression body (without the slashes) to JavaScript regex source.
 * Throws PatternError for syntax JavaScript cannot express.
 */
export function translateLuceneRegex(source: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    switch (c) {
      case '\\':
        if (i + 1 >= source.length) throw new PatternError(`invalid regular expression [${source}]: trailing escape`);
        out += escapeLiteral(source[++i]);
        break;
      case '.':
        out += '[\\s\\S]';
        break;
      case '@':
        out += '[\\s\\S]*';
        break;
      case '#':
        out += '(?!)';
        break;
      case '"': {
        const end = source.indexOf('"', i + 1);
        if (end < 0) throw new PatternError(`invalid regular expression [${source}]: unterminated string`);
        out += escapeLiteral(source.slice(i + 1, end));
        i = end;
        break;
      }
      case '[': {
        const { text, next } = translateClass(source, i);
        out += text;
        i = next - 1;
        break;
      }
      case '(':
        depth++;
        out += '(?:';
        break;
      case ')':
        if (depth === 0) throw new PatternError(`invalid regular expression [${source}]: unbalanced parenthesis`);
        depth--;
        out += ')';
        break;
      case '|':
      case '*':
      case '+':
      case '?':
        out += c;
        break;
      case '{': {
        const end = source.indexOf('}', i);
        const body = end < 0 ? '' : source.slice(i + 1, end);
        if (!/^\d+(,\d*)?$/.test(body)) throw new PatternError(`invalid regular expression [${source}]: bad repetition`);
        out += '{' + body + '}';
        i = end;
        break;
      }
      case '&':
      case '~':
      case '<':
        throw new PatternError(`invalid regular expression [${source}]: operator [${c}] is not supported`);
      default:
        out += escapeLiteral(c);
    }
  }
  if (depth !== 0) throw new PatternError(`invalid regular expression [${source}]: unbalanced parenthesis`);
  // Let the engine report anything else (e.g. a quantifier with nothing before it).
  try {
    new RegExp(out, 'u');
  } catch {
    throw new PatternError(`invalid regular expression [${source}]`);
  }
  return out;
}

function translateClass(source: string, start: number): { text: string; next: number } {
  let i = start + 1;
  let out = '[';
  if (source[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === ']' && !first) return { text: out + ']', next: i + 1 };
    first = false;
    if (c === '\\' && i + 1 < source.length) {
      const escaped = source[++i];
      out += /[\]\\^[-]/.test(escaped) ? '\\' + escaped : escaped;
    } else if (c === '-') {
      out += '-';
    } else {
      out += /[\]\\^[]/.test(c) ? '\\' + c : c;
    }
  }
  throw new PatternError(`invalid regular expression [${source}]: unterminated character class`);
}
