import { CaptureReader } from './reader.ts';
import type { CaptureFormat, CapturedPacket, CaptureProblem } from './types.ts';

/** Everything in a capture held in memory: packets (with their data copied) and problems. */
export interface CaptureContents {
  format: CaptureFormat;
  packets: CapturedPacket[];
  problems: CaptureProblem[];
}

/**
 * Reads a whole in-memory capture, feeding it in `chunkSize` pieces (the
 * whole buffer by default). For small files, fixtures and tests; large files
 * should stream through CaptureReader instead. Throws as CaptureReader does.
 */
export function readCapture(bytes: Uint8Array, chunkSize = bytes.length): CaptureContents {
  const packets: CapturedPacket[] = [];
  const problems: CaptureProblem[] = [];
  const reader = new CaptureReader({
    packet: (p) => packets.push({ ...p, data: p.data.slice() }),
    problem: (p) => problems.push(p),
  });
  const step = Math.max(1, chunkSize);
  for (let i = 0; i < bytes.length && !reader.stopped; i += step) reader.push(bytes.subarray(i, i + step));
  reader.end();
  // end() throws unless the format was detected.
  return { format: reader.format ?? 'pcap', packets, problems };
}
