import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/**
 * Where JSON text stops being valid, for messages such as "Labels is not valid JSON at line 3,
 * column 5: Expected ',' or '}'." JSON.parse's own messages differ from engine to engine (V8
 * gives an offset or quotes the whole text, Firefox a line and column, and "Unexpected end of
 * JSON input" says nothing of where), so the text is scanned with jsonc-parser (strict JSON:
 * no comments, no trailing commas), which reports the offset of the first error.
 */

export interface JsonSyntaxError {
  /** 0-based offset into the text (the text's length when it ends too early). */
  offset: number;
  /** 1-based line and column of `offset`. */
  line: number;
  column: number;
  /** A short sentence, e.g. "Unexpected end of input; expected ',' or '}'." */
  reason: string;
}

/** jsonc-parser's error codes as short sentences. */
const REASONS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'expected a value',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a double-quoted property name',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected a ',' before the next value",
  CloseBraceExpected: "expected ',' or '}'",
  CloseBracketExpected: "expected ',' or ']'",
  EndOfFileExpected: 'expected the end of the text after the JSON value',
  InvalidCommentToken: 'comments are not allowed',
  UnexpectedEndOfComment: 'comments are not allowed',
  UnexpectedEndOfString: 'this string is not closed (line breaks and control characters in a string must be escaped)',
  UnexpectedEndOfNumber: 'invalid number',
  InvalidUnicode: 'invalid \\u escape in a string',
  InvalidEscapeCharacter: 'invalid escape sequence in a string',
  InvalidCharacter: 'line breaks and control characters in a string must be escaped',
};

function shown(char: string): string {
  return char.charCodeAt(0) < 0x20 ? JSON.stringify(char) : `'${char}'`;
}

/** Line and column (both from 1) of an offset into `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return undefined;
  const offset = Math.min(first.offset, text.length);
  // ParseErrorCode is a const enum (not importable under isolatedModules): go by its name.
  const code = printParseErrorCode(first.error);
  const what = REASONS[code] ?? 'invalid JSON';
  const at = offset < text.length ? `Unexpected ${shown(text[offset])}` : 'Unexpected end of input';
  // String errors are reported at the string's opening quote: say what is wrong with it.
  const stringError = code === 'UnexpectedEndOfString' || code === 'InvalidEscapeCharacter' || code === 'InvalidUnicode';
  const reason = stringError ? `${what[0].toUpperCase()}${what.slice(1)}.` : `${at}; ${what}.`;
  return { offset, ...lineAndColumn(text, offset), reason };
}

/** "{label} is not valid JSON at line L, column C: {reason}", or with the parser's message when the scan finds nothing. */
export function invalidJsonMessage(label: string, text: string, parserMessage: string): string {
  const found = findJsonSyntaxError(text);
  return found
    ? `${label} is not valid JSON at line ${found.line}, column ${found.column}: ${found.reason}`
    : `${label} is not valid JSON: ${parserMessage}`;
}
