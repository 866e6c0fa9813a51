import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, invalidJsonMessage } from './json-syntax';

const VALID = ['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]}', ' \n{"b": {"c": {}}}\n '];

function check(text: string) {
  let parserMessage = '';
  try {
    JSON.parse(text);
  } catch (error) {
    parserMessage = (error as Error).message;
  }
  return { parserMessage, found: findJsonSyntaxError(text) };
}

describe('findJsonSyntaxError', () => {
  it('finds nothing in valid JSON', () => {
    for (const text of VALID) expect(findJsonSyntaxError(text)).toBeUndefined();
  });

  it('places the end of the text for an unclosed object', () => {
    const { parserMessage, found } = check('{"team": 1');
    expect(parserMessage).not.toBe('');
    expect(found).toMatchObject({ offset: 10, line: 1, column: 11 });
    expect(found?.reason).toBe("Unexpected end of input; expected ',' or '}'.");
  });

  it('counts lines and columns', () => {
    expect(findJsonSyntaxError('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ line: 3, column: 3 });
    expect(findJsonSyntaxError('{"a": tru}')).toMatchObject({ line: 1, column: 7, reason: "Unexpected 't'; expected a value." });
    expect(findJsonSyntaxError('{"a":1,}')).toMatchObject({ column: 8, reason: "Unexpected '}'; expected a double-quoted property name." });
    expect(findJsonSyntaxError('{"a":1} x')).toMatchObject({ column: 9 });
    expect(findJsonSyntaxError('{"a":"b\nc"}')?.reason).toMatch(/must be escaped/);
  });

  it('agrees with JSON.parse on what is invalid', () => {
    for (const text of ['{', '[1,]', '{"a" 1}', '{a:1}', "{'a':1}", '01', '-', '"\\x"', '{"a":1}}', '   ']) {
      const { parserMessage, found } = check(text);
      expect(parserMessage, text).not.toBe('');
      expect(found, text).toBeDefined();
    }
  });

  it('builds the editor message', () => {
    expect(invalidJsonMessage('Labels', '{"team": 1', 'Unexpected end of JSON input')).toBe(
      "Labels is not valid JSON at line 1, column 11: Unexpected end of input; expected ',' or '}'.",
    );
  });
});
