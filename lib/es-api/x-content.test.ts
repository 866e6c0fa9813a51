import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, ParsedBody } from './x-content';

/**
 * fastValue() is the hot path's JSON.parse: it must hand back exactly the bodies the positioned
 * parser would accept, and refuse (undefined, so the exact parser reports the error) every body
 * in which an object repeats a key, which JSON.parse alone would silently collapse.
 */
describe('ParsedBody.fastValue', () => {
  const fast = (text: string) => new ParsedBody(text).fastValue();

  it('returns the parsed value of well-formed JSON without repeated keys', () => {
    expect(fast('{"grant_type":"password","username":"jacknich","password":"l0ng-r4nd0m-p@ssw0rd"}')).toEqual({
      grant_type: 'password',
      username: 'jacknich',
      password: 'l0ng-r4nd0m-p@ssw0rd',
    });
    expect(fast(' \n{ "a" : 1 ,\t"b":[{"c":2}] }\r\n')).toEqual({ a: 1, b: [{ c: 2 }] });
    expect(fast('[]')).toEqual([]);
    expect(fast('"just a string"')).toBe('just a string');
  });

  it('accepts the same key in different objects', () => {
    expect(fast('{"a":{"x":1},"b":{"x":2},"c":[{"x":3},{"x":4}]}')).toEqual({ a: { x: 1 }, b: { x: 2 }, c: [{ x: 3 }, { x: 4 }] });
  });

  it('refuses a key repeated at the top level, however far apart', () => {
    expect(fast('{"username":"a","password":"p","username":"b"}')).toBeUndefined();
  });

  it('refuses a key repeated in a nested object or an object inside an array', () => {
    expect(fast('{"a":{"x":1,"y":2,"x":3}}')).toBeUndefined();
    expect(fast('{"list":[{"k":1},{"k":2,"k":3}]}')).toBeUndefined();
  });

  it('refuses a repeat spelled with escapes, since JSON.parse decodes both to one name', () => {
    expect(fast('{"username":"a","\\u0075sername":"b"}')).toBeUndefined();
    expect(fast('{"a\\"b":1,"a\\u0022b":2}')).toBeUndefined();
  });

  it('refuses a repeated "__proto__" key, which JSON.parse keeps as an own property', () => {
    expect(fast('{"__proto__":{"x":1},"__proto__":{"y":2}}')).toBeUndefined();
    expect(Object.keys(fast('{"__proto__":{"x":1}}') as object)).toEqual(['__proto__']);
  });

  it('is not fooled by quotes, colons and backslashes inside strings', () => {
    expect(fast('{"a":"x\\":\\"a\\":","b":"\\\\"}')).toEqual({ a: 'x":"a":', b: '\\' });
    expect(fast('{"a":"\\\\","a":1}')).toBeUndefined();
  });

  it('returns undefined for text that is not JSON', () => {
    expect(fast('{"a":')).toBeUndefined();
    expect(fast("{'a':1}")).toBeUndefined();
  });
});

/**
 * Jackson's default nesting limit (1000 objects and arrays), which Elasticsearch keeps. Without
 * it a deeply nested body overflowed the stack in the parsers and serializers: a 500, and
 * profile data stored that no later `?pretty` read could print.
 */
describe('nesting depth', () => {
  const nested = (depth: number, inner = '1') => '{"a":'.repeat(depth - 1) + `[${inner}]` + '}'.repeat(depth - 1);
  const errorOf = (text: string) => {
    try {
      void new ParsedBody(text).root;
    } catch (error) {
      return error as { status: number; type: string; reason: string };
    }
    throw new Error('expected a parse error');
  };

  it('accepts 1000 levels, on the fast path and in the tree', () => {
    const text = nested(MAX_NESTING_DEPTH);
    expect(new ParsedBody(text).fastValue()).toBeDefined();
    expect(new ParsedBody(text).root.type).toBe('object');
  });

  it('refuses level 1001 with Jackson\'s message, at the container that went too deep', () => {
    const text = nested(MAX_NESTING_DEPTH + 1);
    expect(new ParsedBody(text).fastValue()).toBeUndefined();
    const error = errorOf(text);
    expect(error.status).toBe(400);
    expect(error.type).toBe('x_content_parse_exception');
    // The 1001st container is the array, at column 5001 after 1000 copies of `{"a":`; like every
    // position here, reported one further on, where Jackson stands after reading it.
    expect(error.reason).toBe(
      '[1:5002] Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)',
    );
  });

  it('refuses any depth far beyond the limit without overflowing the stack', () => {
    expect(errorOf('['.repeat(100_000)).reason).toMatch(/^\[1:1002\] Document nesting depth \(1001\)/);
    expect(errorOf(nested(50_000)).status).toBe(400);
  });

  it('reports a syntax error before the deep part first, as a streaming parser meets it', () => {
    expect(errorOf('{"a":tru, "b":' + '['.repeat(2000)).reason).toMatch(/^\[1:7\] Unexpected character/);
  });

  it('does not count brackets or quotes inside comments', () => {
    // A "]" or '"' in a comment must not hide the brackets after it from the limit ...
    for (const comment of ['/*' + ']'.repeat(2000) + '*/', '/* " */', '// "\n']) {
      const error = errorOf(comment + '['.repeat(20_000));
      expect(error.status, comment.slice(0, 10)).toBe(400);
      expect(error.reason).toMatch(/Document nesting depth \(1001\)/);
    }
    // ... and brackets in a comment are not structure.
    expect(new ParsedBody('{"a": // ' + '['.repeat(1500) + '\n 1}').root.type).toBe('object');
    expect(new ParsedBody('{"a": /* ' + '{'.repeat(1500) + ' */ 1}').root.type).toBe('object');
  });

  it('does not count brackets inside strings', () => {
    const text = `{"a":"${'['.repeat(5000)}","b":"\\"{{{"}`;
    expect(new ParsedBody(text).fastValue()).toEqual({ a: '['.repeat(5000), b: '"{{{' });
  });
});

/** Elasticsearch's JSON parser is configured with JsonParser.Feature.ALLOW_COMMENTS. */
describe('comments in bodies', () => {
  it('accepts // and /* */ comments anywhere whitespace may go', () => {
    const text = '{ // the grant\n "grant_type": /* always */ "password", "username": "joe" /* , "x": 1 */ }';
    expect(new ParsedBody(text).root.type).toBe('object');
    expect(new ParsedBody(text).fastValue()).toBeUndefined(); // JSON.parse refuses them: the tree reads them
  });

  it('reports an unterminated comment at the end of the input', () => {
    let reason = '';
    try {
      void new ParsedBody('{"a":1 /* open').root;
    } catch (error) {
      reason = (error as { reason: string }).reason;
    }
    expect(reason).toBe('[1:15] Unexpected end-of-input in a comment');
  });
});
