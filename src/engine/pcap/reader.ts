import { LabError } from '../core/errors.ts';
import { detectFormat, isMagicPrefix, unknownFormatError } from './format-detect.ts';
import { PcapParser } from './pcap-parser.ts';
import { PcapngParser } from './pcapng-parser.ts';
import { PacketSink } from './sink.ts';
import type { CaptureFormat, CaptureHandlers } from './types.ts';
import type { UnitParser } from './unit-parser.ts';

/**
 * Streaming (push) reader for pcap and pcapng files.
 *
 * Feed it chunks of any size with `push`, then call `end`. Packets go to
 * `handlers.packet` as soon as their record is complete; `data` views the
 * caller's chunk where the record lies inside one chunk (no copy) and a small
 * carry buffer where it straddles two. Only that one partial unit is ever
 * buffered, so memory stays bounded (about 1 MiB at most) whatever the file size.
 *
 * Throws LabError for files that cannot be read at all (CAPTURE_EMPTY,
 * CAPTURE_UNKNOWN_FORMAT, CAPTURE_TRUNCATED inside the file header). Damage
 * after the header is reported through `handlers.problem`; a framing error or
 * a file cut short stops the read there, keeping every earlier packet.
 *
 * @example
 * const reader = new CaptureReader({ packet: (p) => frames.push(p.data.slice()) });
 * for (const chunk of chunks) reader.push(chunk);
 * reader.end();
 */
export class CaptureReader {
  private readonly sink: PacketSink;
  private parser: UnitParser | null = null;
  private detected: CaptureFormat | null = null;
  /** The current unit's bytes when it straddles chunks (or the magic, before detection). */
  private carry = new Uint8Array(64);
  private carryView = new DataView(this.carry.buffer);
  private carryLen = 0;
  /** File offset of the current unit's first byte. */
  private offset = 0;
  /** Bytes still to pass over unread (the body of a large skipped block). */
  private skip = 0;
  private total = 0;
  private failure: LabError | null = null;
  private ended = false;

  constructor(handlers: CaptureHandlers) {
    this.sink = new PacketSink(handlers);
  }

  get format(): CaptureFormat | null {
    return this.detected;
  }

  get packetsRead(): number {
    return this.sink.packetsRead;
  }

  /** True after a fatal problem or error: further input is ignored, so callers may stop reading. */
  get stopped(): boolean {
    return this.sink.stopped || this.failure !== null;
  }

  push(chunk: Uint8Array): void {
    if (this.failure !== null) throw this.failure;
    if (this.ended) throw new LabError('INTERNAL', 'CaptureReader.push called after end()');
    this.total += chunk.length;
    if (this.sink.stopped || chunk.length === 0) return;
    this.run(chunk);
  }

  end(): void {
    if (this.failure !== null) throw this.failure;
    if (this.ended) return;
    this.ended = true;
    const parser = this.parser;
    if (parser === null) {
      if (this.total === 0) this.fail(new LabError('CAPTURE_EMPTY', 'the capture file is empty (0 bytes)', 0));
      const first = this.carry.slice(0, this.carryLen);
      if (isMagicPrefix(first)) {
        this.fail(new LabError('CAPTURE_TRUNCATED', `file ends at byte ${this.total}, inside the 4-byte magic number`, 0));
      }
      this.fail(unknownFormatError(first));
    }
    if (this.sink.stopped) return;
    if (!parser.headerDone) {
      const what = this.detected === 'pcap' ? 'the 24-byte pcap file header' : 'the first pcapng section header block';
      this.fail(new LabError('CAPTURE_TRUNCATED', `file ends at byte ${this.total}, inside ${what}`, 0));
    }
    if (this.carryLen > 0 || this.skip > 0 || parser.midUnit) {
      const t = parser.truncation(this.carry.subarray(0, this.carryLen), this.carryLen, this.offset, this.total);
      this.sink.problem(t.frame, 'CAPTURE_TRUNCATED', t.message, t.offset, true);
    }
  }

  private fail(e: LabError): never {
    this.failure = e;
    throw e;
  }

  private run(chunk: Uint8Array): void {
    const end = chunk.length;
    let pos = 0;
    if (this.parser === null) {
      pos = Math.min(4 - this.carryLen, end);
      this.append(chunk, 0, pos);
      if (this.carryLen < 4) return;
      this.parser = this.startFormat();
    }
    const parser = this.parser;
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const sink = this.sink;
    while (!sink.stopped) {
      if (this.skip > 0) {
        if (pos === end) return;
        const n = Math.min(this.skip, end - pos);
        this.skip -= n;
        pos += n;
        this.offset += n;
        continue;
      }
      if (this.carryLen > 0) {
        // Finish the unit that began in an earlier chunk, taking only the bytes it needs.
        const need = parser.need(this.carry, this.carryView, 0, this.carryLen, this.offset);
        if (need < 0) return;
        if (need > this.carryLen) {
          if (pos === end) return;
          const take = Math.min(need - this.carryLen, end - pos);
          this.append(chunk, pos, take);
          pos += take;
          continue;
        }
        if (need < this.carryLen) throw new LabError('INTERNAL', `capture unit shrank to ${need} bytes below ${this.carryLen} buffered`);
        this.skip = parser.consume(this.carry, this.carryView, 0, need, this.offset);
        this.offset += need;
        this.carryLen = 0;
        continue;
      }
      // Fast path: whole units inside this chunk, read in place.
      const avail = end - pos;
      if (avail === 0) return;
      const need = parser.need(chunk, view, pos, avail, this.offset);
      if (need < 0) return;
      if (need > avail) {
        this.append(chunk, pos, avail);
        return;
      }
      this.skip = parser.consume(chunk, view, pos, need, this.offset);
      pos += need;
      this.offset += need;
    }
  }

  private startFormat(): UnitParser {
    const fmt = detectFormat(this.carry.subarray(0, 4));
    if (fmt === null) this.fail(unknownFormatError(this.carry.slice(0, 4)));
    this.detected = fmt.format;
    return fmt.format === 'pcap' ? new PcapParser(this.sink, fmt) : new PcapngParser(this.sink);
  }

  private append(src: Uint8Array, from: number, n: number): void {
    const needed = this.carryLen + n;
    if (needed > this.carry.length) {
      const next = new Uint8Array(Math.max(needed, this.carry.length * 2));
      next.set(this.carry.subarray(0, this.carryLen));
      this.carry = next;
      this.carryView = new DataView(next.buffer);
    }
    this.carry.set(src.subarray(from, from + n), this.carryLen);
    this.carryLen = needed;
  }
}
