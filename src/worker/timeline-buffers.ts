import type { TimelineData } from '../engine/index.ts';

/** The timeline's column buffers, to move (not copy) them to the UI thread. */
export function timelineBuffers(t: TimelineData): ArrayBuffer[] {
  const optional = [t.relSeq, t.relAck, t.payload].filter((a) => a !== undefined);
  return [t.startUs, t.endUs, t.fromLane, t.toLane, t.link, t.fate, t.subflow, t.attacker, t.marks, t.dsn, t.dataLength, ...optional].map((a) => a.buffer as ArrayBuffer);
}
