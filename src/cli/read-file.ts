/**
 * Input files for the CLI. Each is opened once and checked with fstat before
 * a byte is read: only regular files (a device such as /dev/zero, a FIFO or
 * a socket could stream forever or block), and, for files read whole, a
 * size limit. Captures are streamed in fixed-size chunks into a consumer,
 * reusing one buffer, so a 1 GB capture needs a megabyte of memory.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { LabError } from '../engine/index.ts';

const CHUNK = 1 << 20;

const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;

function kindOf(st: ReturnType<typeof fstatSync>): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * Opens a regular file for reading and returns its descriptor and size. A
 * FIFO is opened without blocking (O_NONBLOCK), so it is refused at once
 * instead of waiting for a writer. `missing` words the error for a path that
 * does not exist.
 */
export function openForReading(path: string, missing?: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && missing) throw new LabError('CLI_FILE', missing);
    // A Unix socket cannot be opened at all.
    if (code === 'ENXIO') throw new LabError('CLI_NOT_A_FILE', `cannot read "${path}": it is a socket or a device without a reader; only regular files are read`);
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new LabError('CLI_FILE', `cannot read "${path}": ${why}`);
  }
  const st = fstatSync(fd);
  const kind = kindOf(st);
  if (kind !== null) {
    closeSync(fd);
    if (st.isDirectory()) throw new LabError('CLI_FILE', `cannot read "${path}": it is a directory`);
    throw new LabError('CLI_NOT_A_FILE', `cannot read "${path}": it is ${kind}; only regular files are read`);
  }
  return { fd, size: st.size };
}

/** Reads a whole text file of at most `maxBytes`, refusing a larger one before reading it. */
export function readTextFile(path: string, maxBytes: number, missing?: string): string {
  const { fd, size } = openForReading(path, missing);
  try {
    const tooBig = (n: number) =>
      new LabError('CLI_FILE_TOO_BIG', `"${path}" is ${mb(n)} (${n.toLocaleString('en-US')} bytes): the limit is ${mb(maxBytes)} (${maxBytes.toLocaleString('en-US')} bytes)`);
    if (size > maxBytes) throw tooBig(size);
    // Read one byte past the limit: a file that grew since fstat is refused too.
    const buf = new Uint8Array(Math.min(size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const k = readSync(fd, buf, n, buf.length - n, null);
      if (k === 0) break;
      n += k;
      if (n === buf.length) throw tooBig(n);
    }
    return new TextDecoder().decode(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

export interface StreamOptions {
  /** Stops early when it says so (checked after each chunk). */
  stop?: () => boolean;
  /** Told the file's size once it is open, before any chunk. */
  opened?: (size: number) => void;
  /** After each chunk: bytes read so far. */
  progress?: (bytesRead: number) => void;
}

/** Calls `consume` with each chunk (a view valid only during the call); returns the bytes read. */
export function streamFile(path: string, consume: (chunk: Uint8Array) => void, options: StreamOptions = {}): number {
  const { fd, size } = openForReading(path);
  const buf = new Uint8Array(CHUNK);
  let total = 0;
  try {
    options.opened?.(size);
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      total += n;
      consume(buf.subarray(0, n));
      options.progress?.(total);
      if (options.stop?.()) break;
    }
  } finally {
    closeSync(fd);
  }
  return total;
}
