import { describe, expect, it } from 'vitest';
import { ParsedBody } from './x-content';

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
