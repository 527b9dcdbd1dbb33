/**
 * Streams a file in fixed-size chunks into a consumer, reusing one buffer, so
 * a 100 MB capture needs a megabyte of memory, not a hundred.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { LabError } from '../engine/index.ts';

const CHUNK = 1 << 20;

export function openForReading(path: string): number {
  try {
    const fd = openSync(path, 'r');
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      throw new LabError('CLI_FILE', `cannot read "${path}": it is a directory`);
    }
    return fd;
  } catch (e) {
    if (e instanceof LabError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new LabError('CLI_FILE', `cannot read "${path}": ${why}`);
  }
}

/** Calls `consume` with each chunk (a view valid only during the call); stops early when `stop()` says so. */
export function streamFile(path: string, consume: (chunk: Uint8Array) => void, stop: () => boolean = () => false): number {
  const fd = openForReading(path);
  const buf = new Uint8Array(CHUNK);
  let total = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      total += n;
      consume(buf.subarray(0, n));
      if (stop()) break;
    }
  } finally {
    closeSync(fd);
  }
  return total;
}
