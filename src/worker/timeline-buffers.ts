import type { TimelineData } from '../engine/index.ts';

/** The timeline's column buffers, to move (not copy) them to the UI thread. */
export function timelineBuffers(t: TimelineData): ArrayBuffer[] {
  return [t.startUs, t.endUs, t.fromLane, t.toLane, t.link, t.fate, t.subflow, t.attacker, t.marks, t.dsn, t.dataLength].map((a) => a.buffer as ArrayBuffer);
}
