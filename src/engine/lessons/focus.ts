/**
 * Where a step's focus points in a run: a moment, and a capture frame to
 * select. Frames are the timeline's (one per packet per link, in capture
 * order), so "the 2nd ADD_ADDR" counts each hop.
 */
import { MARK, type TimelineData } from '../runner/timeline-codes.ts';
import type { LessonFocus } from './lesson-schema.ts';

/** The timeline's mark bits of an MPTCP option a lesson names (DSS: a mapping, a DATA_ACK or a DATA_FIN). */
export function optionMarks(option: string): number {
  if (option === 'DSS') return MARK.DSS_MAP | MARK.DATA_ACK | MARK.DATA_FIN;
  return (MARK as Record<string, number>)[option] ?? 0;
}

/** The moment and frame a focus points at in a run, or null when the run has none. */
export function focusTarget(focus: LessonFocus, t: TimelineData | null, failures: readonly { id: string; timeUs: number; frames: readonly number[] }[]): { us: number; frame: number | null } | null {
  switch (focus.at) {
    case 'time':
      return { us: focus.us, frame: null };
    case 'failure': {
      const f = failures.find((x) => x.id === focus.failure);
      return f ? { us: f.timeUs, frame: f.frames[0] ?? null } : null;
    }
    case 'option':
    case 'attacker-packet': {
      if (!t) return null;
      const bit = focus.at === 'option' ? optionMarks(focus.option) : 0;
      let seen = 0;
      for (let k = 0; k < t.count; k++) {
        const hit = focus.at === 'option' ? (t.marks[k]! & bit) !== 0 : t.attacker[k]! >= 0;
        // Halfway along its link: the topology draws it in flight (ringed as selected) and the ladder its arrow so far.
        if (hit && ++seen === focus.nth) return { us: Math.round((t.startUs[k]! + t.endUs[k]!) / 2), frame: k + 1 };
      }
      return null;
    }
  }
}
