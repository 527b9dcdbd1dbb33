import type { ErrorCode } from '../core/errors.ts';
import type { CaptureHandlers, CapturedPacket } from './types.ts';

/**
 * Where the format parsers deliver packets and problems. It numbers frames,
 * counts deliveries and remembers whether a fatal problem stopped the read,
 * so the parsers share one notion of "where are we".
 */
export class PacketSink {
  /** Last frame number handed out (packet records seen, delivered or not). */
  frame = 0;
  packetsRead = 0;
  /** Set by a fatal problem: the reader ignores all further input. */
  stopped = false;
  private readonly handlers: CaptureHandlers;

  constructor(handlers: CaptureHandlers) {
    this.handlers = handlers;
  }

  nextFrame(): number {
    return ++this.frame;
  }

  packet(p: CapturedPacket): void {
    this.packetsRead++;
    this.handlers.packet(p);
  }

  /** Reports a problem; `fatal` stops the read after it. */
  problem(frame: number | null, code: ErrorCode, message: string, offset: number, fatal: boolean): void {
    if (fatal) this.stopped = true;
    this.handlers.problem?.({ frame, code, message, offset });
  }
}
