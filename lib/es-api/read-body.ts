/** Thrown when a body is larger than allowed; the dispatcher answers 413. */
export class BodyTooLargeError extends Error {
  constructor(readonly size: number, readonly limit: number) {
    super(`request body of at least ${size} bytes exceeds ${limit}`);
  }
}

/**
 * Reads a request body as UTF-8 without holding more than `limit + 1` bytes, so an oversized
 * upload is refused early instead of filling memory.
 */
export async function readBodyWithLimit(body: ReadableStream<Uint8Array> | null, declaredLength: string | null, limit: number): Promise<string> {
  if (!body) return '';
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
  return Buffer.concat(chunks).toString('utf8');
}
