import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { EsError } from '@/lib/security/errors';
import { suggestSimilar } from './suggest-similar';

/**
 * Request-body parsing with Elasticsearch's (Jackson + ObjectParser) error semantics: every
 * error names its 1-based [line:column], unknown fields get "did you mean" hints, duplicate
 * keys are rejected. jsonc-parser gives a tree with offsets; strict JSON options are enforced.
 */

export type JsonNode = Node;

/** Jackson's token names, which Elasticsearch prints in type errors. */
export function tokenName(node: JsonNode): string {
  switch (node.type) {
    case 'object':
      return 'START_OBJECT';
    case 'array':
      return 'START_ARRAY';
    case 'string':
      return 'VALUE_STRING';
    case 'number':
      return 'VALUE_NUMBER';
    case 'boolean':
      return 'VALUE_BOOLEAN';
    case 'null':
      return 'VALUE_NULL';
    default:
      return 'FIELD_NAME';
  }
}

export class BodySource {
  private lineStarts?: number[];

  constructor(readonly text: string) {}

  /** "[line:column]" of an offset, both 1-based, as XContentParseException prints it. */
  location(offset: number): string {
    this.lineStarts ??= computeLineStarts(this.text);
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    // Elasticsearch parses bytes, so columns count UTF-8 bytes, not characters.
    const column = Buffer.byteLength(this.text.slice(this.lineStarts[low], offset), 'utf8') + 1;
    return `[${low + 1}:${column}]`;
  }

  /**
   * An x_content_parse_exception at `offset`. `stopOffset` is where the parser stood when it
   * gave up, which is where an enclosing parser reports its "failed to parse field" wrapper.
   */
  parseError(offset: number, message: string, causedBy?: { type: string; reason: string }, stopOffset = offset): ParseFailure {
    return new ParseFailure(`${this.location(offset)} ${message}`, stopOffset, causedBy);
  }
}

export class ParseFailure extends EsError {
  constructor(
    reason: string,
    readonly stopOffset: number,
    causedBy?: { type: string; reason: string },
    type = 'x_content_parse_exception',
  ) {
    super(400, type, reason, { causedBy });
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

export function requestBodyRequired(): EsError {
  return new EsError(400, 'parse_exception', 'request body is required');
}

/**
 * Parses a request body into a tree. Empty (or whitespace) bodies yield undefined, so each
 * endpoint decides whether a body is required.
 */
export function parseJson(source: BodySource): JsonNode | undefined {
  if (source.text.trim() === '') return undefined;
  const errors: ParseError[] = [];
  const tooDeepAt = scanStructure(source.text).tooDeepAt;
  if (tooDeepAt >= 0) {
    // Jackson stops at the container that goes one level too deep; a syntax error before it
    // is still what it reports first. (Errors at the end of the cut text are only the cut.)
    parseTree(source.text.slice(0, tooDeepAt), errors, PARSE_OPTIONS);
    const earlier = errors.find((error) => error.offset < tooDeepAt);
    if (earlier) throw syntaxError(source, earlier);
    throw source.parseError(tooDeepAt + 1, nestingTooDeepMessage());
  }
  const root = parseTree(source.text, errors, PARSE_OPTIONS);
  if (errors.length > 0) throw syntaxError(source, errors[0]);
  if (!root) throw source.parseError(0, 'Unexpected end-of-input');
  rejectDuplicateKeys(source, root);
  return root;
}

/** Double.parseDouble's decimal forms (surrounding whitespace allowed); NaN for anything else. */
function javaDouble(text: string): number {
  const trimmed = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?$/.test(trimmed) ? Number(trimmed.replace(/[fFdD]$/, '')) : NaN;
}

// Elasticsearch's JSON parser allows comments (JsonParser.Feature.ALLOW_COMMENTS), both // and /* */.
const PARSE_OPTIONS = { disallowComments: false, allowTrailingComma: false, allowEmptyContent: false };

/**
 * Jackson's default StreamReadConstraints (Elasticsearch changes only the string length): a
 * document nests at most 1000 objects and arrays. Beyond that the parsers here, the duplicate-key
 * check and the serializers would all recurse deep enough to overflow the stack.
 */
export const MAX_NESTING_DEPTH = 1000;

function nestingTooDeepMessage(): string {
  return `Document nesting depth (${MAX_NESTING_DEPTH + 1}) exceeds the maximum allowed (${MAX_NESTING_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`;
}

/** jsonc-parser's ParseErrorCode.UnexpectedEndOfComment. */
const UNEXPECTED_END_OF_COMMENT = 11;

const ERROR_TEXT: Record<number, string> = {
  1: "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
  2: 'Invalid numeric value',
  3: 'was expecting double-quote to start field name',
  4: "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
  5: 'was expecting a colon to separate field name and value',
  6: 'was expecting comma to separate entries',
  7: 'expected close marker for Object',
  8: 'expected close marker for Array',
  9: 'expected end of input',
  10: 'comments are not allowed',
  11: 'Unexpected end-of-input in a comment',
  12: 'Unexpected end-of-input in VALUE_STRING',
  13: 'Unexpected end-of-input in a number',
  14: 'Invalid unicode escape',
  15: 'Unrecognized character escape',
  16: 'Illegal unquoted character in a string',
};

function syntaxError(source: BodySource, error: ParseError): EsError {
  if (error.error === UNEXPECTED_END_OF_COMMENT) {
    // Jackson reads the comment to the end of the input before it notices.
    const message = ERROR_TEXT[UNEXPECTED_END_OF_COMMENT];
    return source.parseError(source.text.length, message, { type: 'json_parse_exception', reason: message });
  }
  const atEnd = error.offset >= source.text.length;
  const detail = ERROR_TEXT[error.error] ?? 'malformed JSON';
  const message = atEnd
    ? `Unexpected end-of-input: ${detail}`
    : `Unexpected character (${describeChar(source.text, error.offset)}): ${detail}`;
  // Jackson reports where it stands after reading the offending character: one further on.
  return source.parseError(Math.min(error.offset + 1, source.text.length), message, { type: 'json_parse_exception', reason: message });
}

function describeChar(text: string, offset: number): string {
  const code = text.codePointAt(offset) ?? 0;
  return `'${String.fromCodePoint(code)}' (code ${code})`;
}

function rejectDuplicateKeys(source: BodySource, node: JsonNode): void {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      if (!key) continue;
      const name = String(key.value);
      // Jackson notices the duplicate right after reading the name: just past its closing quote.
      if (seen.has(name)) throw source.parseError(key.offset + key.length, `Duplicate field '${name}'`);
      seen.add(name);
      const value = property.children?.[1];
      if (value) rejectDuplicateKeys(source, value);
    }
  } else if (node.type === 'array') {
    for (const child of node.children ?? []) rejectDuplicateKeys(source, child);
  }
}

/** The plain JavaScript value of a node (objects keep their key order). */
export function nodeValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        // defineProperty, so a "__proto__" key is kept as data instead of changing the prototype.
        if (key && value) Object.defineProperty(out, String(key.value), { value: nodeValue(value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value ?? null;
  }
}

export interface ObjectEntry {
  name: string;
  keyNode: JsonNode;
  valueNode: JsonNode;
}

export function objectEntries(node: JsonNode): ObjectEntry[] {
  return (node.children ?? []).flatMap((property) => {
    const [keyNode, valueNode] = property.children ?? [];
    return keyNode && valueNode ? [{ name: String(keyNode.value), keyNode, valueNode }] : [];
  });
}

/** Value kinds an ObjectParser field accepts, after Elasticsearch's ObjectParser.ValueType. */
export type FieldKind =
  | 'string' // VALUE_STRING
  | 'string_or_null'
  | 'boolean' // VALUE_BOOLEAN or "true"/"false"
  | 'long' // VALUE_NUMBER or a numeric string
  | 'string_array' // array of strings, or one string
  | 'object' // START_OBJECT, kept as a plain value
  | 'object_or_null'
  | 'object_or_array' // START_OBJECT or START_ARRAY, kept as a plain value
  | { parser: string; fields: Readonly<Record<string, FieldSpec>> }; // nested ObjectParser

export interface FieldSpec {
  kind: FieldKind;
  /** For nested parsers: fields that must be present ("Required [a, b]"). */
  required?: readonly string[];
}

const ACCEPTS: Record<string, readonly string[]> = {
  string: ['string'],
  string_or_null: ['string', 'null'],
  boolean: ['boolean', 'string'],
  long: ['number', 'string'],
  string_array: ['array', 'string'],
  object: ['object'],
  object_or_null: ['object', 'null'],
  object_or_array: ['object', 'array'],
};

/**
 * Parses an object against declared fields with Elasticsearch's ObjectParser messages:
 * "[L:C] [parser] unknown field [x]", "[L:C] [parser] x doesn't support values of type: T".
 */
export function parseObject(
  source: BodySource,
  node: JsonNode,
  parserName: string,
  fields: Readonly<Record<string, FieldSpec>>,
  required: readonly string[] = [],
): Record<string, unknown> {
  if (node.type !== 'object') {
    throw source.parseError(node.offset, `[${parserName}] Expected START_OBJECT but was: ${tokenName(node)}`);
  }
  const out: Record<string, unknown> = {};
  for (const { name, keyNode, valueNode } of objectEntries(node)) {
    const spec = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!spec) {
      const hint = suggestSimilar(name, Object.keys(fields));
      throw source.parseError(keyNode.offset, `[${parserName}] unknown field [${name}]${hint}`, undefined, valueNode.offset);
    }
    out[name] = parseField(source, parserName, name, spec, valueNode);
  }
  const missing = required.filter((f) => !(f in out));
  if (missing.length > 0) {
    throw new ParseFailure(`Required [${missing.join(', ')}]`, node.offset + node.length - 1, undefined, 'illegal_argument_exception');
  }
  return out;
}

function parseField(source: BodySource, parserName: string, name: string, spec: FieldSpec, valueNode: JsonNode): unknown {
  const kind = spec.kind;
  if (typeof kind === 'object') {
    // ObjectParser checks the token type first: a nested parser's field takes objects only.
    if (valueNode.type !== 'object') {
      throw source.parseError(valueNode.offset, `[${parserName}] ${name} doesn't support values of type: ${tokenName(valueNode)}`);
    }
    try {
      return parseObject(source, valueNode, kind.parser, kind.fields, spec.required);
    } catch (cause) {
      if (!(cause instanceof EsError)) throw cause;
      const stop = cause instanceof ParseFailure ? cause.stopOffset : valueNode.offset;
      throw source.parseError(stop, `[${parserName}] failed to parse field [${name}]`, { type: cause.type, reason: cause.reason });
    }
  }
  if (!ACCEPTS[kind].includes(valueNode.type)) {
    throw source.parseError(valueNode.offset, `[${parserName}] ${name} doesn't support values of type: ${tokenName(valueNode)}`);
  }
  switch (kind) {
    case 'boolean':
      if (valueNode.type === 'string') {
        if (valueNode.value === 'true') return true;
        if (valueNode.value === 'false') return false;
        throw source.parseError(
          valueNode.offset,
          `[${parserName}] failed to parse field [${name}]`,
          { type: 'illegal_argument_exception', reason: `Failed to parse value [${valueNode.value}] as only [true] or [false] are allowed.` },
        );
      }
      return valueNode.value;
    case 'long': {
      // AbstractXContentParser's coercing number read (ObjectParser's default): a string is read
      // as a Java double, and a fraction is cut toward zero, so 1.5 and "1.5" both mean 1.
      const n = valueNode.type === 'string' ? javaDouble(valueNode.value) : Math.trunc(valueNode.value);
      if (!Number.isFinite(n)) {
        throw source.parseError(valueNode.offset, `[${parserName}] failed to parse field [${name}]`, {
          type: 'number_format_exception',
          reason: `For input string: "${valueNode.value}"`,
        });
      }
      return Math.trunc(n);
    }
    case 'string_array': {
      if (valueNode.type === 'string') return [valueNode.value];
      return (valueNode.children ?? []).map((child) => {
        if (child.type !== 'string') {
          throw source.parseError(child.offset, `[${parserName}] ${name} doesn't support values of type: ${tokenName(child)}`);
        }
        return child.value as string;
      });
    }
    default:
      return nodeValue(valueNode);
  }
}

/**
 * A request body, parsed on demand. `root` is the positioned tree that error messages need;
 * `fastValue()` is plain JSON.parse, used by hot endpoints to accept well-formed bodies without
 * building the tree (any doubt falls back to the tree, which reports the exact error).
 */
export class ParsedBody {
  readonly source: BodySource;
  private tree?: JsonNode;
  private fast?: { value: unknown } | null;

  constructor(text: string) {
    this.source = new BodySource(text);
  }

  get root(): JsonNode {
    this.tree ??= parseJson(this.source) as JsonNode;
    return this.tree;
  }

  /** The parsed value, or undefined when the text is not valid JSON or repeats a key in an object. */
  fastValue(): unknown {
    if (this.fast === undefined) {
      this.fast = null;
      try {
        const structure = scanStructure(this.source.text);
        // Too deep: left to the tree, which reports it (JSON.parse would accept it).
        if (structure.tooDeepAt < 0) {
          const value: unknown = JSON.parse(this.source.text);
          if (structure.keys < 2 || structure.keys === countKeysParsed(value)) this.fast = { value };
        }
      } catch {
        // the tree reports the error with its position (or a nesting too deep to count here)
      }
    }
    return this.fast?.value;
  }
}

/**
 * One pass over valid-looking JSON text, outside strings and comments (where every `"` opens a
 * string):
 *
 * - `keys`: object keys written, i.e. strings followed by `:` (a value never is). JSON.parse
 *   keeps the last of repeated keys, so when the parsed objects hold fewer keys than the text
 *   names, a key was repeated: counting both sides is exact, whatever the nesting or escaping
 *   (`"\u0061"` repeats `"a"`), and needs neither a set of names nor a copy of any of them.
 * - `tooDeepAt`: offset of the first `{` or `[` nested deeper than MAX_NESTING_DEPTH, or -1.
 */
function scanStructure(text: string): { keys: number; tooDeepAt: number } {
  let keys = 0;
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > MAX_NESTING_DEPTH) return { keys, tooDeepAt: i };
      continue;
    }
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      continue;
    }
    if (c === SLASH) {
      // A comment (Elasticsearch allows them): nothing in it is structure.
      const next = text.charCodeAt(i + 1);
      if (next === SLASH) {
        while (i < length && text.charCodeAt(i) !== NEWLINE) i++;
      } else if (next === STAR) {
        const end = text.indexOf('*/', i + 2);
        i = end === -1 ? length : end + 1;
      }
      continue;
    }
    if (c !== QUOTE) continue;
    for (i++; i < length; i++) {
      const d = text.charCodeAt(i);
      if (d === BACKSLASH) i++;
      else if (d === QUOTE) break;
    }
    let next = i + 1;
    while (next < length && isJsonWhitespace(text.charCodeAt(next))) next++;
    if (text.charCodeAt(next) === COLON) keys++;
  }
  return { keys, tooDeepAt: -1 };
}

/** Keys held by the objects of a parsed JSON value, at every depth. */
function countKeysParsed(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let keys = 0;
  if (Array.isArray(value)) {
    for (const item of value) keys += countKeysParsed(item);
    return keys;
  }
  // JSON.parse only creates own, enumerable properties (even one named "__proto__").
  for (const key in value) keys += 1 + countKeysParsed((value as Record<string, unknown>)[key]);
  return keys;
}

const QUOTE = 0x22;
const SLASH = 0x2f;
const STAR = 0x2a;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

function isJsonWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * parseObject for a whole request body: well-formed bodies are checked against the field
 * declarations on the plain value; anything unexpected is parsed again as a tree by parseObject,
 * which throws Elasticsearch's exact error with its [line:column].
 */
export function parseBodyObject(
  body: ParsedBody | { source: BodySource; root: JsonNode },
  parserName: string,
  fields: Readonly<Record<string, FieldSpec>>,
  required: readonly string[] = [],
): Record<string, unknown> {
  if (body instanceof ParsedBody) {
    const accepted = acceptPlainObject(body.fastValue(), fields, required);
    if (accepted) return accepted;
  }
  return parseObject(body.source, body.root, parserName, fields, required);
}

/** acceptPlainField's answer for a value that does not fit its declaration. */
const REJECTED: unique symbol = Symbol('rejected');

function acceptPlainObject(
  value: unknown,
  fields: Readonly<Record<string, FieldSpec>>,
  required: readonly string[],
): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Record<string, unknown> = {};
  // JSON.parse only creates own, enumerable properties, so for...in visits exactly those.
  for (const name in value) {
    const spec = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!spec) return undefined;
    const accepted = acceptPlainField((value as Record<string, unknown>)[name], spec);
    if (accepted === REJECTED) return undefined;
    // Safe as a plain assignment: `name` is one of the declared fields (never __proto__).
    out[name] = accepted;
  }
  for (const name of required) if (!(name in out)) return undefined;
  return out;
}

/** The value as the field declares it (a lone string becomes a one-element array), or REJECTED. */
function acceptPlainField(value: unknown, spec: FieldSpec): unknown {
  const kind = spec.kind;
  if (typeof kind === 'object') return acceptPlainObject(value, kind.fields, spec.required ?? []) ?? REJECTED;
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value : REJECTED;
    case 'string_or_null':
      return typeof value === 'string' || value === null ? value : REJECTED;
    case 'boolean':
      return typeof value === 'boolean' ? value : REJECTED;
    case 'long':
      return typeof value === 'number' && Number.isInteger(value) ? value : REJECTED;
    case 'string_array':
      if (typeof value === 'string') return [value];
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : REJECTED;
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : REJECTED;
    case 'object_or_null':
      return value === null || (typeof value === 'object' && !Array.isArray(value)) ? value : REJECTED;
    case 'object_or_array':
      return value !== null && typeof value === 'object' ? value : REJECTED;
    default:
      return REJECTED;
  }
}
