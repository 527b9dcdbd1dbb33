/**
 * JSON Lines read in bounded memory: bytes come in chunks of any size and
 * each complete line goes out as text with its number; a line longer than
 * the limit is refused as soon as it passes it, so a file without newlines
 * (or `/dev/urandom` on stdin) never fills the heap.
 */
import { LabError } from '../engine/index.ts';

export const MAX_LINE_BYTES = 1 << 20;

export class LineSplitter {
  private parts: Uint8Array[] = [];
  private size = 0;
  private line = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly name: string,
    private readonly onLine: (text: string, line: number) => void,
    private readonly maxBytes = MAX_LINE_BYTES,
  ) {}

  /** A chunk of the input; it may be reused by the caller once this returns. */
  push(chunk: Uint8Array): void {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(10, from);
      if (nl < 0) {
        this.hold(chunk.subarray(from));
        return;
      }
      this.hold(chunk.subarray(from, nl));
      this.flush();
      from = nl + 1;
    }
  }

  /** The input is over: a last line without a newline still counts. */
  end(): void {
    if (this.size > 0) this.flush();
  }

  private hold(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.size += bytes.length;
    if (this.size > this.maxBytes) throw new LabError('CLI_MERGE', `${this.name} line ${this.line + 1}: longer than ${this.maxBytes.toLocaleString('en-US')} bytes; a shard's lines are a header or one row each (is this a shard file?)`);
    this.parts.push(bytes.slice());
  }

  private flush(): void {
    this.line++;
    const bytes = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      bytes.set(p, at);
      at += p.length;
    }
    this.parts = [];
    this.size = 0;
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      throw new LabError('CLI_MERGE', `${this.name} line ${this.line}: not UTF-8 text`);
    }
    this.onLine(text.endsWith('\r') ? text.slice(0, -1) : text, this.line);
  }
}
