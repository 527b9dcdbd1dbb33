/**
 * Where a capture's bytes come from, read a range at a time: the worker
 * keeps the File (a handle, not its contents) and reads a frame's bytes when
 * a row or a dissection needs them, so a 1 GB capture never sits in memory.
 */
export interface ByteSource {
  readonly size: number;
  /** Bytes [start, end) of the file (clamped to its size). */
  read(start: number, end: number): Promise<Uint8Array>;
  /** The whole file as a Blob (the File itself when there is one: saving it copies nothing). */
  blob(): Blob;
}

/** Bytes already in memory (a simulated run's capture, a small file in the in-thread client). */
export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read: (start, end) => Promise.resolve(bytes.subarray(Math.max(0, start), Math.min(bytes.length, end))),
    blob: () => new Blob([bytes as BlobPart]),
  };
}

interface SyncReader {
  readAsArrayBuffer(blob: Blob): ArrayBuffer;
}

/**
 * A Blob read slice by slice: synchronously with FileReaderSync inside a
 * worker (no round trip through the event loop), else with
 * `blob.slice().arrayBuffer()`, else FileReader (jsdom).
 */
export function blobSource(blob: Blob): ByteSource {
  const Sync = (globalThis as { FileReaderSync?: new () => SyncReader }).FileReaderSync;
  const sync = Sync ? new Sync() : null;
  return {
    size: blob.size,
    blob: () => blob,
    read: async (start, end) => {
      const part = blob.slice(Math.max(0, start), Math.min(blob.size, end));
      if (sync) return new Uint8Array(sync.readAsArrayBuffer(part));
      if (typeof part.arrayBuffer === 'function') return new Uint8Array(await part.arrayBuffer());
      return new Uint8Array(await readWithFileReader(part));
    },
  };
}

function readWithFileReader(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const fr = new FileReader();
    fr.onerror = () => reject(fr.error ?? new Error('the file could not be read'));
    fr.onload = () => resolve(fr.result as ArrayBuffer);
    fr.readAsArrayBuffer(blob);
  });
}

/** A byte range of the file and the frames it serves. */
export interface Span {
  offset: number;
  length: number;
}

/**
 * Groups spans (in any order) into runs read as one slice each: spans whose
 * gap is at most `maxGap` bytes, up to `maxRun` bytes a run (one span longer
 * than that is a run of its own). Returns, per run, its start, its end and
 * the indices of its spans.
 */
export function planReads(spans: readonly Span[], maxGap = 64 * 1024, maxRun = 8 * 1024 * 1024): { start: number; end: number; members: number[] }[] {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.offset - spans[b]!.offset);
  const runs: { start: number; end: number; members: number[] }[] = [];
  for (const i of order) {
    const s = spans[i]!;
    const last = runs.at(-1);
    const end = s.offset + s.length;
    if (last && s.offset - last.end <= maxGap && Math.max(last.end, end) - last.start <= maxRun) {
      last.end = Math.max(last.end, end);
      last.members.push(i);
    } else {
      runs.push({ start: s.offset, end, members: [i] });
    }
  }
  return runs;
}
