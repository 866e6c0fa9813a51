import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { illegalArgument } from '@/lib/security/errors';

/** Thrown when a body is larger than allowed; the dispatcher answers 413. */
export class BodyTooLargeError extends Error {
  constructor(readonly size: number, readonly limit: number) {
    super(`request body of at least ${size} bytes exceeds ${limit}`);
  }
}

/** UTF-8 without a leading byte-order mark, as `Request.text()` decodes; invalid bytes become U+FFFD. */
const utf8 = new TextDecoder();

/**
 * Reads a body whose Content-Length was declared (and is within the limit), then continues with
 * `next(text)`. HTTP framing guarantees no more bytes follow, so reading stops once that many
 * bytes arrived instead of waiting for the stream's end-of-stream signal: for the usual small JSON
 * body, which arrives in one chunk, that is one read instead of the two `Request.text()` makes,
 * and it skips the framework's end-of-stream work. Continuing inside the read's own callback
 * saves a promise too; under Next.js each one pays for async context tracking.
 */
export function readDeclaredLengthBody<T>(
  body: ReadableStream<Uint8Array> | null,
  length: number,
  next: (text: string) => T | PromiseLike<T>,
): Promise<T> {
  if (!body || length === 0) return new Promise<T>((resolve) => resolve(next('')));
  // The reader is never released: nothing else reads this request's body, and releasing is
  // measurable work on every request.
  const reader = body.getReader();
  return reader.read().then((first) => {
    if (first.done) return next('');
    if (first.value.byteLength >= length) return next(utf8.decode(first.value));
    return readRemaining(reader, [first.value], length).then(next);
  });
}

/** The rest of a declared-length body that arrived in several chunks. */
async function readRemaining(reader: ReadableStreamDefaultReader<Uint8Array>, chunks: Uint8Array[], length: number): Promise<string> {
  let size = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  while (size < length) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  return utf8.decode(Buffer.concat(chunks));
}

/**
 * Reads a request body as UTF-8 without holding more than `limit + 1` bytes, so an oversized
 * upload is refused early instead of filling memory.
 */
export async function readBodyWithLimit(body: ReadableStream<Uint8Array> | null, declaredLength: string | null, limit: number): Promise<string> {
  return utf8.decode(await readBytesWithLimit(body, declaredLength, limit));
}

async function readBytesWithLimit(body: ReadableStream<Uint8Array> | null, declaredLength: string | null, limit: number): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  if (declaredLength !== null && Number(declaredLength) > limit) {
    await body.cancel().catch(() => undefined);
    throw new BodyTooLargeError(Number(declaredLength), limit);
  }
  // Chunked bodies (no declared length) are counted as they arrive.
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(size, limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

type Decompress = (input: Buffer, options: zlib.ZlibOptions) => Promise<Buffer>;

const gunzip = promisify(zlib.gunzip) as Decompress;
const inflate = promisify(zlib.inflate) as Decompress;
const inflateRaw = promisify(zlib.inflateRaw) as Decompress;

/**
 * "deflate" may come zlib-wrapped or raw (as Netty's decoder accepts both): a zlib header is a
 * CM=8 first byte whose 16-bit header is a multiple of 31. Choosing up front (never by retrying)
 * keeps a too-large body a 413 and decompresses it once.
 */
const inflateEither: Decompress = (input, options) => {
  const zlibWrapped = input.length >= 2 && (input[0] & 0x0f) === 8 && ((input[0] << 8) | input[1]) % 31 === 0;
  return zlibWrapped ? inflate(input, options) : inflateRaw(input, options);
};

/** The Content-Encodings Elasticsearch's HTTP layer decompresses. */
const DECOMPRESSORS: Record<string, Decompress> = {
  gzip: gunzip,
  'x-gzip': gunzip,
  deflate: inflateEither,
  'x-deflate': inflateEither,
};

/**
 * Reads a body sent with a Content-Encoding (the official clients' `compression: true` sends
 * gzip). The limit applies to the compressed bytes and again to the decompressed ones, which
 * stop at `limit + 1` bytes, so a small "zip bomb" cannot fill memory. Other encodings are read
 * as they are, as Elasticsearch's HTTP layer passes them through.
 */
export async function readEncodedBody(
  body: ReadableStream<Uint8Array> | null,
  contentEncoding: string,
  declaredLength: string | null,
  limit: number,
): Promise<string> {
  const raw = await readBytesWithLimit(body, declaredLength, limit);
  const encoding = contentEncoding.trim().toLowerCase();
  const decompress = Object.hasOwn(DECOMPRESSORS, encoding) ? DECOMPRESSORS[encoding] : undefined;
  if (!decompress || raw.byteLength === 0) return utf8.decode(raw);
  let decompressed: Buffer;
  try {
    decompressed = await decompress(raw, { maxOutputLength: limit + 1 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new BodyTooLargeError(limit + 1, limit);
    // Elasticsearch's answer for a body that does not decompress: a 400 the dispatcher sends as is.
    throw illegalArgument(`request body is not valid [${encoding}] content: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (decompressed.byteLength > limit) throw new BodyTooLargeError(decompressed.byteLength, limit);
  return utf8.decode(decompressed);
}
