/**
 * Raw-deflate decompression that stops at a size limit: a share link of a
 * few kB can inflate to gigabytes (a deflate bomb), so the output is counted
 * as it streams and the read is abandoned past the limit.
 */
import { concatBytes, formatMegabytes } from '../../engine/index.ts';

export class InflateTooBigError extends Error {
  constructor(readonly limit: number) {
    super(`it unpacks to more than ${formatMegabytes(limit)}`);
    this.name = 'InflateTooBigError';
  }
}

export async function inflateRawBounded(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  const reader = new Response(bytes as BodyInit).body!.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new InflateTooBigError(limit);
    }
    parts.push(value);
  }
  return concatBytes(parts);
}
