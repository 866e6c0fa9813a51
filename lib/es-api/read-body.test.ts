import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { EsError } from '@/lib/security/errors';
import { BodyTooLargeError, readBodyWithLimit, readDeclaredLengthBody, readEncodedBody } from './read-body';

const encoder = new TextEncoder();
const MIB = 1024 * 1024;
const text = (body: string) => body;

/** A body stream that delivers `parts` as separate chunks, and tells how many reads it served. */
function chunked(parts: string[]): { stream: ReadableStream<Uint8Array>; pulls: () => number } {
  let index = 0;
  let pulls = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulls++;
        if (index < parts.length) controller.enqueue(encoder.encode(parts[index++]));
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulls: () => pulls };
}

describe('readDeclaredLengthBody', () => {
  it('stops after the declared length without waiting for the end of the stream', async () => {
    const body = '{"grant_type":"password"}';
    const { stream, pulls } = chunked([body]);
    expect(await readDeclaredLengthBody(stream, encoder.encode(body).byteLength, text)).toBe(body);
    expect(pulls()).toBe(1);
  });

  it('joins a body that arrives in several chunks, even when a character is split between them', async () => {
    const bytes = encoder.encode('{"username":"jürgen"}');
    const split = bytes.indexOf(0xc3) + 1; // inside the two bytes of "ü"
    const parts = [bytes.slice(0, split), bytes.slice(split)];
    let index = 0;
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => (index < parts.length ? c.enqueue(parts[index++]) : c.close()) }, { highWaterMark: 0 });
    expect(await readDeclaredLengthBody(stream, bytes.byteLength, text)).toBe('{"username":"jürgen"}');
  });

  it('drops a leading byte-order mark, as Request.text() does', async () => {
    const { stream } = chunked(['\uFEFF{}']);
    expect(await readDeclaredLengthBody(stream, 5, text)).toBe('{}');
  });

  it('continues with what the continuation answers, and passes its failure on', async () => {
    const { stream } = chunked(['{}']);
    expect(await readDeclaredLengthBody(stream, 2, (body) => ({ parsed: JSON.parse(body) as unknown }))).toEqual({ parsed: {} });
    const failing = readDeclaredLengthBody(chunked(['{}']).stream, 2, () => {
      throw new Error('no');
    });
    await expect(failing).rejects.toThrow('no');
    await expect(readDeclaredLengthBody(null, 0, () => { throw new Error('empty'); })).rejects.toThrow('empty');
  });

  it('answers an empty string for no body or a zero length', async () => {
    expect(await readDeclaredLengthBody(null, 10, text)).toBe('');
    expect(await readDeclaredLengthBody(chunked(['x']).stream, 0, text)).toBe('');
  });

  it('returns what arrived when the stream ends early', async () => {
    expect(await readDeclaredLengthBody(chunked(['{"a"', ':1}']).stream, 100, text)).toBe('{"a":1}');
  });
});

describe('readBodyWithLimit', () => {
  it('reads a chunked body up to the limit', async () => {
    expect(await readBodyWithLimit(chunked(['{"a":', '1}']).stream, null, 100)).toBe('{"a":1}');
  });

  it('refuses a body that grows past the limit, with the size seen so far', async () => {
    const error = await readBodyWithLimit(chunked(['12345', '67890', 'abc']).stream, null, 8).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect((error as BodyTooLargeError).size).toBe(10);
  });

  it('refuses a declared length over the limit before reading', async () => {
    const { stream, pulls } = chunked(['x'.repeat(20)]);
    const error = await readBodyWithLimit(stream, '20', 8).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect(pulls()).toBe(0);
  });
});

describe('readEncodedBody', () => {
  const streamOf = (bytes: Uint8Array) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
  const body = '{"grant_type":"password","username":"jürgen","password":"p"}';

  it('decompresses gzip (what the official clients send with compression: true) and deflate, zlib-wrapped or raw', async () => {
    for (const [encoding, bytes] of [
      ['gzip', zlib.gzipSync(body)],
      ['x-gzip', zlib.gzipSync(body)],
      [' GZIP ', zlib.gzipSync(body)],
      ['deflate', zlib.deflateSync(body)],
      ['deflate', zlib.deflateRawSync(body)],
    ] as const) {
      expect(await readEncodedBody(streamOf(bytes), encoding, null, MIB), encoding).toBe(body);
    }
  });

  it('reads identity and unknown encodings as they are', async () => {
    expect(await readEncodedBody(streamOf(encoder.encode(body)), 'identity', null, MIB)).toBe(body);
    expect(await readEncodedBody(streamOf(encoder.encode(body)), 'snappy', null, MIB)).toBe(body);
  });

  it('stops a body that decompresses past the limit (a zip bomb) at limit + 1 bytes', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * MIB, 0x20));
    expect(bomb.byteLength).toBeLessThan(MIB);
    const error = await readEncodedBody(streamOf(bomb), 'gzip', String(bomb.byteLength), MIB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect((error as BodyTooLargeError).size).toBe(MIB + 1);
  });

  it('stops a deflate bomb too, zlib-wrapped or raw, with a 413 and not a decoding error', async () => {
    for (const bomb of [zlib.deflateSync(Buffer.alloc(50 * MIB, 0x20)), zlib.deflateRawSync(Buffer.alloc(50 * MIB, 0x20))]) {
      const error = await readEncodedBody(streamOf(bomb), 'deflate', String(bomb.byteLength), MIB).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BodyTooLargeError);
    }
  });

  it('refuses compressed bytes over the limit before decompressing them', async () => {
    const error = await readEncodedBody(streamOf(new Uint8Array(10)), 'gzip', String(2 * MIB), MIB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect((error as BodyTooLargeError).size).toBe(2 * MIB);
  });

  it('reports a body that is not what its encoding says', async () => {
    const error = await readEncodedBody(streamOf(encoder.encode(body)), 'gzip', null, MIB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EsError);
    expect((error as EsError).status).toBe(400);
    expect((error as EsError).type).toBe('illegal_argument_exception');
    expect((error as EsError).reason).toMatch(/^request body is not valid \[gzip\] content: /);
  });
});
