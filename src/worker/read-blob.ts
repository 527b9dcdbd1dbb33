/**
 * Reads a Blob into one Uint8Array, reporting progress as chunks arrive.
 * Uses the stream when the platform has one, else FileReader (jsdom).
 */
export async function readBlob(blob: Blob, onProgress: (done: number, total: number) => void): Promise<Uint8Array> {
  const total = blob.size;
  if (typeof blob.stream === 'function') {
    const out = new Uint8Array(total);
    const reader = blob.stream().getReader();
    let done = 0;
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      out.set(next.value, done);
      done += next.value.length;
      onProgress(done, total);
    }
    return done === total ? out : out.subarray(0, done);
  }
  return new Promise((resolve, reject) => {
    const fr = new FileReader();
    fr.onprogress = (e) => onProgress(e.loaded, total);
    fr.onerror = () => reject(fr.error ?? new Error('the file could not be read'));
    fr.onload = () => resolve(new Uint8Array(fr.result as ArrayBuffer));
    fr.readAsArrayBuffer(blob);
  });
}
