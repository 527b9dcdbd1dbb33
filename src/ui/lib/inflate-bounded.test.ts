import { describe, expect, it } from 'vitest';
import { InflateTooBigError, inflateRawBounded } from './inflate-bounded.ts';

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await new Response(new Response(bytes as BodyInit).body!.pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
}

describe('inflateRawBounded', () => {
  it('gives back what was packed', async () => {
    const text = new TextEncoder().encode('{"schemaVersion":1}'.repeat(100));
    expect(new TextDecoder().decode(await inflateRawBounded(await deflate(text), 1 << 20))).toBe(new TextDecoder().decode(text));
  });

  it('stops a deflate bomb at the limit instead of filling memory', async () => {
    const bomb = await deflate(new Uint8Array(64 * 1024 * 1024)); // 64 MB of zeros packs to ~64 kB
    expect(bomb.length).toBeLessThan(100_000);
    const heap = process.memoryUsage().heapUsed;
    await expect(inflateRawBounded(bomb, 1024 * 1024)).rejects.toThrow(InflateTooBigError);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(32 * 1024 * 1024);
  });
});
