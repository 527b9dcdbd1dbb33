/**
 * The ladder diagram's geometry and selection, without a canvas: which
 * frames to draw for a time window (thinned to one per pixel column and
 * lane pair, so 100,000 packets cost what the screen can show), where lanes
 * sit, and which packet a click hits. Pure, so it is tested without a DOM.
 */
import { CONNECTION_MARKS, FATE_CODE, MARK, type TimelineData } from '../../../engine/index.ts';
import { firstStart } from '../../lib/frame-search.ts';

import type { ActorFilter, TimelineFilter } from '../../store/types.ts';

export type { ActorFilter };
/** The ladder's filters (the store keeps them, so a share link carries them). */
export type LadderFilter = TimelineFilter;

export const NO_FILTER: LadderFilter = { marks: 0, hiddenSubflows: new Set(), actor: 'all' };

/** The option filters the timeline offers, in menu order. */
export const MARK_FILTERS: readonly { label: string; bits: number }[] = [
  { label: 'Handshakes (SYN, MP_CAPABLE, MP_JOIN)', bits: MARK.SYN | MARK.MP_CAPABLE | MARK.MP_JOIN },
  { label: 'MP_JOIN', bits: MARK.MP_JOIN },
  { label: 'ADD_ADDR / REMOVE_ADDR', bits: MARK.ADD_ADDR | MARK.REMOVE_ADDR },
  { label: 'Data (DSS mappings)', bits: MARK.DSS_MAP },
  { label: 'DATA_ACK', bits: MARK.DATA_ACK },
  { label: 'Closing (FIN, DATA_FIN, RST, FASTCLOSE)', bits: MARK.FIN | MARK.DATA_FIN | MARK.RST | MARK.MP_FASTCLOSE | MARK.MP_TCPRST },
  { label: 'MP_PRIO / MP_FAIL', bits: MARK.MP_PRIO | MARK.MP_FAIL },
];

export interface LaneLayout {
  top: number;
  height: number;
  count: number;
}

export function laneY(layout: LaneLayout, lane: number): number {
  return layout.top + (layout.height / layout.count) * (lane + 0.5);
}

/** The lane under a y coordinate, or -1. */
export function laneAt(layout: LaneLayout, y: number): number {
  const k = Math.floor(((y - layout.top) / layout.height) * layout.count);
  return k >= 0 && k < layout.count ? k : -1;
}

/** Indexes [from, to) of frames that may cross the window [t0, t1]. */
export function windowRange(t: TimelineData, t0: number, t1: number, flight: number): [number, number] {
  return [firstStart(t, t0 - flight), firstStart(t, t1, true)];
}

export function passes(t: TimelineData, i: number, f: LadderFilter): boolean {
  if (f.marks !== 0 && (t.marks[i]! & f.marks) === 0) return false;
  if (f.hiddenSubflows.size > 0 && f.hiddenSubflows.has(t.subflow[i]!)) return false;
  if (f.actor === 'attackers') return t.attacker[i]! >= 0;
  if (f.actor === 'hosts') return t.attacker[i]! < 0;
  return true;
}

/**
 * The frames worth drawing in [t0, t1] at `pxPerUs`: all that pass the
 * filter, but only the first of those that start in the same pixel column
 * between the same two lanes with the same colour (they would overprint).
 * Attacker packets and the selected frame are always kept.
 */
export function drawableFrames(t: TimelineData, t0: number, t1: number, pxPerUs: number, flight: number, f: LadderFilter, selected: number | null): Int32Array {
  const [from, to] = windowRange(t, t0, t1, flight);
  const lanes = t.lanes.length;
  const colours = t.subflows.length + 1;
  const last = new Float64Array(lanes * lanes * colours).fill(-Infinity);
  const out = new Int32Array(Math.max(0, to - from));
  let n = 0;
  for (let i = from; i < to; i++) {
    if (t.endUs[i]! < t0 || !passes(t, i, f)) continue;
    const px = Math.floor((t.startUs[i]! - t0) * pxPerUs);
    const key = (t.fromLane[i]! * lanes + t.toLane[i]!) * colours + t.subflow[i]! + 1;
    const keep = t.attacker[i]! >= 0 || t.fate[i] !== FATE_CODE.delivered || i + 1 === selected;
    if (!keep && last[key] === px) continue;
    last[key] = px;
    out[n++] = i;
  }
  return out.subarray(0, n);
}

/** Frames with connection-level signals in the window, one per pixel column and kind. */
export function connectionMarks(t: TimelineData, t0: number, t1: number, pxPerUs: number, f: LadderFilter): Int32Array {
  const from = firstStart(t, t0);
  const to = firstStart(t, t1, true);
  const out = new Int32Array(Math.max(0, to - from));
  const lastPx = new Map<number, number>();
  let n = 0;
  for (let i = from; i < to; i++) {
    const m = t.marks[i]! & CONNECTION_MARKS;
    if (m === 0 || !passes(t, i, f)) continue;
    const px = Math.floor((t.startUs[i]! - t0) * pxPerUs);
    if (lastPx.get(m) === px) continue;
    lastPx.set(m, px);
    out[n++] = i;
  }
  return out.subarray(0, n);
}

/** A packet's arrow on screen: from (x0, y0) to (x1, y1); a dropped one stops part way. */
export function arrowOf(t: TimelineData, i: number, x: (us: number) => number, layout: LaneLayout): [number, number, number, number] {
  const out: [number, number, number, number] = [0, 0, 0, 0];
  arrowInto(out, t, i, x, layout);
  return out;
}

/** {@link arrowOf} into a reused array (the drawing calls it for every arrow of every frame). */
export function arrowInto(out: [number, number, number, number] | Float64Array, t: TimelineData, i: number, x: (us: number) => number, layout: LaneLayout): void {
  const x0 = x(t.startUs[i]!);
  const y0 = laneY(layout, t.fromLane[i]!);
  const y1 = laneY(layout, t.toLane[i]!);
  out[0] = x0;
  out[1] = y0;
  if (t.fate[i] === FATE_CODE.dropped) {
    out[2] = x0 + 6;
    out[3] = y0 + (y1 - y0) * 0.4;
  } else {
    out[2] = x(t.endUs[i]!);
    out[3] = y1;
  }
}

/**
 * The frames and connection marks a window shows, kept between paints: while
 * a run plays only the moment moves, and these depend on everything but it.
 */
export interface FrameSelection {
  t: TimelineData | null;
  t0: number;
  t1: number;
  pxPerUs: number;
  flight: number;
  filter: LadderFilter | null;
  selected: number | null;
  frames: Int32Array;
  marks: Int32Array;
}

export function emptySelection(): FrameSelection {
  return { t: null, t0: 0, t1: 0, pxPerUs: 0, flight: 0, filter: null, selected: null, frames: new Int32Array(0), marks: new Int32Array(0) };
}

/** Refreshes `cache` (in place) unless it already holds the selection for these inputs. */
export function selectFrames(cache: FrameSelection, t: TimelineData, t0: number, t1: number, pxPerUs: number, flight: number, f: LadderFilter, selected: number | null): FrameSelection {
  if (cache.t === t && cache.t0 === t0 && cache.t1 === t1 && cache.pxPerUs === pxPerUs && cache.flight === flight && cache.filter === f && cache.selected === selected) return cache;
  cache.frames = drawableFrames(t, t0, t1, pxPerUs, flight, f, selected);
  cache.marks = connectionMarks(t, t0, t1, pxPerUs, f);
  cache.t = t;
  cache.t0 = t0;
  cache.t1 = t1;
  cache.pxPerUs = pxPerUs;
  cache.flight = flight;
  cache.filter = f;
  cache.selected = selected;
  return cache;
}

function distanceToSegment(px: number, py: number, [x0, y0, x1, y1]: [number, number, number, number]): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len = dx * dx + dy * dy;
  const u = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len));
  return Math.hypot(px - (x0 + u * dx), py - (y0 + u * dy));
}

/** The frame (1-based) whose arrow passes within `radius` px of the point, nearest first; null if none. */
export function hitFrame(t: TimelineData, candidates: Int32Array, x: (us: number) => number, layout: LaneLayout, px: number, py: number, radius = 6): number | null {
  let best = -1;
  let bestD = radius;
  for (const i of candidates) {
    const d = distanceToSegment(px, py, arrowOf(t, i, x, layout));
    if (d <= bestD) {
      best = i;
      bestD = d;
    }
  }
  return best < 0 ? null : best + 1;
}
