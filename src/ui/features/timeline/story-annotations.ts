/**
 * The key events of an attack, named on the ladder as flags at their
 * moment ("ADD_ADDR forged", "join through Mallory", "MITM from 265.3 ms"):
 * read off what the hosts did (each failure's first-hold moment and
 * evidence, the hosts' verdicts on attacker packets), never off the
 * attacker's own log. Few, so they tell the story rather than repeat the
 * packet list.
 */
import type { TimelineData } from '../../../engine/index.ts';

export interface StoryAnnotation {
  timeUs: number;
  text: string;
  /** A failure first holding (drawn in the attack colour) or a host's decision. */
  kind: 'failure' | 'decision';
  /** The evidence frame (1-based), if any. */
  frame: number | null;
}

export interface StoryInput {
  failures: readonly { id: string; name: string; timeUs: number; frames: readonly number[] }[];
  /** The hosts' decisions about attacker packets. */
  verdicts: readonly { timeUs: number; host: string; text: string; frame: number | null }[];
  attackers: readonly { id: string; label: string }[];
}

/** More than this and the chart is a wall of flags. */
export const MAX_ANNOTATIONS = 6;

/** What a host's verdict on an attacker packet means for the story, or null when it is a step the failures already name. */
function decisionText(text: string, host: string): string | null {
  if (/ADD_ADDR ignored/.test(text)) return `forged ADD_ADDR ignored by ${host}`;
  if (/announces address/.test(text)) return 'ADD_ADDR forged';
  if (/REMOVE_ADDR/.test(text) && !/ignored/.test(text)) return 'REMOVE_ADDR forged';
  if (/MP_JOIN/.test(text) && /(rejected|refused|reset|mismatch)/.test(text)) return `join refused by ${host}`;
  if (/MP_FASTCLOSE|fast close/i.test(text)) return `fast close by ${host}`;
  return null;
}

export function storyAnnotations(run: StoryInput, t: TimelineData): StoryAnnotation[] {
  const attackerOf = (frames: readonly number[]): string => {
    for (const f of frames) {
      const a = f >= 1 && f <= t.count ? t.attacker[f - 1]! : -1;
      if (a >= 0) return run.attackers.find((x) => x.id === t.attackers[a])?.label ?? t.attackers[a]!;
    }
    return run.attackers.length === 1 ? run.attackers[0]!.label : 'the attacker';
  };
  const failures: StoryAnnotation[] = run.failures.map((f) => ({
    timeUs: f.timeUs,
    kind: 'failure',
    frame: f.frames[0] ?? null,
    text: f.id === 'hijack' ? `join through ${attackerOf(f.frames)}` : f.id === 'mitm' ? `MITM from ${(f.timeUs / 1000).toFixed(1)} ms` : f.name,
  }));
  const seen = new Set<string>();
  const decisions: StoryAnnotation[] = [];
  for (const v of run.verdicts) {
    // Only what a host did with a packet an attacker sent.
    if (v.frame === null || v.frame < 1 || v.frame > t.count || t.attacker[v.frame - 1]! < 0) continue;
    const text = decisionText(v.text, v.host);
    if (text === null || seen.has(text)) continue;
    seen.add(text);
    decisions.push({ timeUs: v.timeUs, kind: 'decision', frame: v.frame, text });
  }
  // Failures first when there are too many, then the earliest decisions; shown in time order.
  return [...failures, ...decisions].slice(0, MAX_ANNOTATIONS).sort((a, b) => a.timeUs - b.timeUs);
}

export interface PlacedFlag {
  annotation: StoryAnnotation;
  x: number;
  row: number;
  width: number;
}

/**
 * Rows for the flags in view, none covering another: each goes in the
 * first row where it fits; one that fits in none is left out (its
 * failure's line still marks the moment). Failures claim room first.
 */
export function placeFlags(annotations: readonly StoryAnnotation[], xOf: (us: number) => number, widthOf: (text: string) => number, left: number, right: number, rows: number): PlacedFlag[] {
  const placed: PlacedFlag[] = [];
  const order = [...annotations].sort((a, b) => (a.kind === b.kind ? a.timeUs - b.timeUs : a.kind === 'failure' ? -1 : 1));
  for (const a of order) {
    const x = xOf(a.timeUs);
    if (x < left || x > right) continue;
    const width = widthOf(a.text) + 10;
    const x0 = flagLeft({ x, width }, right);
    for (let row = 0; row < rows; row++) {
      const clash = placed.some((p) => p.row === row && flagLeft(p, right) < x0 + width + 4 && x0 < flagLeft(p, right) + p.width + 4);
      if (clash) continue;
      placed.push({ annotation: a, x, row, width });
      break;
    }
  }
  return placed.sort((a, b) => a.annotation.timeUs - b.annotation.timeUs);
}

/** Where a flag's box starts: at its pole, or pushed left so it ends at the plot's right edge. */
export function flagLeft(p: { x: number; width: number }, right: number): number {
  return Math.min(p.x, right - p.width);
}
