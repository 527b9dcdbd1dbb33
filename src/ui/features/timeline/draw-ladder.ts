/**
 * Draws the ladder diagram on a 2D canvas: time runs left to right, one lane
 * per row. Arrows are stroked in one path per colour (and per past/future),
 * so the cost grows with what the screen shows, not with the trace.
 */
import { FATE_CODE, MARK, type TimelineData } from '../../../engine/index.ts';
import { ATTACK_COLOUR, subflowColour, subflowDash } from '../../lib/palette.ts';
import { drawArrowLabels } from './arrow-labels.ts';
import { flagLeft, placeFlags, type StoryAnnotation } from './story-annotations.ts';
import { arrowInto, emptySelection, laneY, selectFrames, type FrameSelection, type LadderFilter, type LaneLayout } from './ladder-model.ts';

export interface CanvasTheme {
  text: string;
  muted: string;
  border: string;
  panel: string;
  bg: string;
  accent: string;
  font: string;
}

export interface LadderScene {
  t: TimelineData;
  width: number;
  height: number;
  /** Width of the lane labels on the left. */
  gutter: number;
  layout: LaneLayout;
  /** The visible time window (µs). */
  t0: number;
  t1: number;
  flight: number;
  filter: LadderFilter;
  nowUs: number;
  selected: number | null;
  /** The frame under the pointer in any view (drawn emphasised), or null. */
  hovered?: number | null;
  failures: readonly { timeUs: number; name: string }[];
  /** Partial-time attackers' windows, shaded on their lanes. */
  windows: readonly { lane: number; fromUs: number; toUs: number }[];
  theme: CanvasTheme;
  /** The attack's key events, flagged above the lanes (their failures' lines then go unnamed: the flags name them). */
  annotations?: readonly StoryAnnotation[];
  /** The packet list's Info text of a frame, once fetched (zoomed-in labels quote it). */
  infoOf?: (frame: number) => string | undefined;
  /** Bumped when more Info texts arrived (the labels may say more). */
  rowsVersion?: number;
}

export const AXIS_HEIGHT = 22;
/** Rows of flags above the lanes, and the room they take (the lanes start below it). */
export const FLAG_ROWS = 2;
const FLAG_ROW_HEIGHT = 16;
export const FLAG_STRIP = FLAG_ROWS * FLAG_ROW_HEIGHT + 2;

/** The arrow being drawn: one reused array, so a paint allocates nothing per packet. */
const SEG: [number, number, number, number] = [0, 0, 0, 0];

/**
 * Draws the scene; returns the frames drawn (for hit testing). Pass the same
 * `cache` every paint: while only the moment moves (a run playing), the
 * frames to draw are not searched again.
 */
export function drawLadder(ctx: CanvasRenderingContext2D, s: LadderScene, cache: FrameSelection = emptySelection()): Int32Array {
  const { t, width, height, gutter, layout, t0, t1, theme } = s;
  const pxPerUs = (width - gutter) / Math.max(1, t1 - t0);
  const x = (us: number) => gutter + (us - t0) * pxPerUs;
  ctx.clearRect(0, 0, width, height);
  ctx.font = theme.font;
  ctx.textBaseline = 'middle';

  // Lanes: alternate bands, attacker windows, lane lines.
  const laneH = layout.height / layout.count;
  for (let k = 0; k < layout.count; k++) {
    if (k % 2 === 1) {
      ctx.fillStyle = theme.panel;
      ctx.fillRect(gutter, layout.top + k * laneH, width - gutter, laneH);
    }
  }
  for (const w of s.windows) {
    ctx.fillStyle = withAlpha(ATTACK_COLOUR, 0.12);
    const a = Math.max(gutter, x(w.fromUs));
    const b = Math.min(width, x(w.toUs));
    if (b > a) ctx.fillRect(a, layout.top + w.lane * laneH, b - a, laneH);
  }
  ctx.strokeStyle = theme.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let k = 0; k < layout.count; k++) {
    const y = Math.round(laneY(layout, k)) + 0.5;
    ctx.moveTo(gutter, y);
    ctx.lineTo(width, y);
  }
  ctx.stroke();

  ctx.save();
  ctx.beginPath();
  ctx.rect(gutter, 0, width - gutter, height);
  ctx.clip();

  const { frames, marks } = selectFrames(cache, t, t0, t1, pxPerUs, s.flight, s.filter, s.selected);
  const past = lowerBoundIn(frames, t, s.nowUs);
  // Past frames solid, frames not yet sent at the moment faint.
  drawArrows(ctx, t, frames, 0, past, 1, x, layout);
  drawArrows(ctx, t, frames, past, frames.length, 0.18, x, layout);
  // Words on the arrows where they fit (zoomed in), Wireshark flow-graph style.
  ctx.font = theme.font;
  drawArrowLabels(ctx, t, frames, (i) => {
    arrowInto(SEG, t, i, x, layout);
    return SEG;
  }, { text: theme.text, halo: theme.bg, alphaOf: (i) => (t.startUs[i]! <= s.nowUs ? 1 : 0.35) }, s.infoOf);

  // The connection level: data mappings, DATA_ACKs, DATA_FIN, fast close.
  const yc = laneY(layout, 0);
  for (let j = 0; j < marks.length; j++) {
    const i = marks[j]!;
    const m = t.marks[i]!;
    const xi = x(t.startUs[i]!);
    ctx.globalAlpha = t.startUs[i]! <= s.nowUs ? 1 : 0.25;
    if (m & MARK.DSS_MAP) {
      ctx.fillStyle = subflowColour(t.subflow[i]!);
      ctx.fillRect(xi - 1, yc - 7, 2, 6);
    }
    if (m & MARK.DATA_ACK) {
      ctx.strokeStyle = theme.muted;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.arc(xi, yc + 4, 2, 0, Math.PI * 2);
      ctx.stroke();
    }
    if (m & MARK.DATA_FIN) {
      ctx.fillStyle = theme.text;
      ctx.fillRect(xi - 3, yc - 3, 6, 6);
    }
    if (m & (MARK.MP_FASTCLOSE | MARK.MP_FAIL)) cross(ctx, xi, yc, 5, ATTACK_COLOUR);
    ctx.globalAlpha = 1;
  }

  // The hovered packet (here or in another view), emphasised; the selection is drawn over it.
  const hovered = s.hovered ?? null;
  if (hovered !== null && hovered !== s.selected && hovered >= 1 && hovered <= t.count) {
    arrowInto(SEG, t, hovered - 1, x, layout);
    ctx.strokeStyle = theme.text;
    ctx.lineWidth = 6;
    ctx.globalAlpha = 0.18;
    line(ctx, SEG[0], SEG[1], SEG[2], SEG[3]);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = subflowColour(t.subflow[hovered - 1]!);
    ctx.lineWidth = 2.5;
    line(ctx, SEG[0], SEG[1], SEG[2], SEG[3]);
  }

  // The selected packet, over everything.
  if (s.selected !== null && s.selected >= 1 && s.selected <= t.count) {
    arrowInto(SEG, t, s.selected - 1, x, layout);
    ctx.strokeStyle = theme.accent;
    ctx.lineWidth = 4;
    ctx.globalAlpha = 0.35;
    line(ctx, SEG[0], SEG[1], SEG[2], SEG[3]);
    ctx.globalAlpha = 1;
    ctx.lineWidth = 2;
    line(ctx, SEG[0], SEG[1], SEG[2], SEG[3]);
  }

  // Failures: a dashed line where each first holds, with its name at the top (stacked when several are close).
  ctx.setLineDash(DASH);
  let row = 0;
  let lastX = -Infinity;
  for (const f of s.failures) {
    const xf = x(f.timeUs);
    if (xf < gutter || xf > width) continue;
    ctx.strokeStyle = withAlpha(ATTACK_COLOUR, f.timeUs <= s.nowUs ? 0.9 : 0.3);
    ctx.lineWidth = 1.5;
    line(ctx, xf, AXIS_HEIGHT, xf, height);
    ctx.setLineDash(NO_DASH);
    if (s.annotations) {
      ctx.setLineDash(DASH);
      continue;
    }
    row = xf - lastX < 140 ? row + 1 : 0;
    lastX = xf;
    const ty = AXIS_HEIGHT + 9 + row * 14;
    const tw = ctx.measureText(f.name).width + 6;
    ctx.globalAlpha = f.timeUs <= s.nowUs ? 1 : 0.45;
    ctx.fillStyle = theme.bg;
    ctx.fillRect(xf + 2, ty - 7, tw, 14);
    ctx.fillStyle = ATTACK_COLOUR;
    ctx.textAlign = 'start';
    ctx.fillText(f.name, xf + 5, ty);
    ctx.globalAlpha = 1;
    ctx.setLineDash(DASH);
  }
  ctx.setLineDash(NO_DASH);
  if (s.annotations) drawFlags(ctx, s, x);

  // The moment.
  const xn = x(s.nowUs);
  if (xn >= gutter && xn <= width) {
    ctx.strokeStyle = theme.accent;
    ctx.lineWidth = 2;
    line(ctx, xn, 0, xn, height);
  }
  ctx.restore();

  drawAxis(ctx, s, x);
  drawLaneLabels(ctx, s);
  return frames;
}

const DASH = [4, 3];
const NO_DASH: number[] = [];

/** Whether two scenes draw the same picture but for the moment. */
export function sameStillLadder(a: LadderScene, b: LadderScene): boolean {
  return (
    a.t === b.t && a.width === b.width && a.height === b.height && a.t0 === b.t0 && a.t1 === b.t1 && a.flight === b.flight && a.filter === b.filter && a.selected === b.selected && a.hovered === b.hovered &&
    a.failures === b.failures && a.windows === b.windows && a.theme === b.theme && a.rowsVersion === b.rowsVersion && a.annotations === b.annotations && a.layout.top === b.layout.top && a.layout.height === b.layout.height && a.layout.count === b.layout.count
  );
}

/** Where the moment splits the sent (left) from the unsent (right), in CSS px. */
export function ladderSplit(s: LadderScene): number {
  const x = s.gutter + (s.nowUs - s.t0) * ((s.width - s.gutter) / Math.max(1, s.t1 - s.t0));
  return Math.max(s.gutter, Math.min(s.width, x));
}

/**
 * Over a picture composed of the all-sent and none-sent layers (PlayLayers):
 * the arrows in flight at the moment, solid past the split too, and the
 * moment's line. `frames` are those the still scene drew.
 */
export function drawLadderMoment(ctx: CanvasRenderingContext2D, s: LadderScene, frames: Int32Array): void {
  const { t, width, height, gutter, layout, t0, t1, theme } = s;
  const pxPerUs = (width - gutter) / Math.max(1, t1 - t0);
  const x = (us: number) => gutter + (us - t0) * pxPerUs;
  const split = ladderSplit(s);
  const past = lowerBoundIn(frames, t, s.nowUs);
  const lo = lowerBoundIn(frames, t, s.nowUs - s.flight - 1);
  if (past > lo && split < width) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(split, AXIS_HEIGHT + 1, width - split, height);
    ctx.clip();
    drawArrows(ctx, t, frames, lo, past, 1, x, layout);
    ctx.restore();
  }
  const xn = x(s.nowUs);
  if (xn >= gutter && xn <= width) {
    ctx.strokeStyle = theme.accent;
    ctx.lineWidth = 2;
    line(ctx, xn, AXIS_HEIGHT, xn, height);
  }
}

/** The arrows of frames[from, to), one path per colour, then the shapes for what attackers and the network did. */
function drawArrows(ctx: CanvasRenderingContext2D, t: TimelineData, frames: Int32Array, from: number, to: number, alpha: number, x: (us: number) => number, layout: LaneLayout): void {
  if (to <= from) return;
  const colours = t.subflows.length + 1;
  const arrowheads = frames.length < 1500;
  for (let c = 0; c < colours; c++) {
    ctx.strokeStyle = withAlpha(subflowColour(c - 1), alpha);
    ctx.fillStyle = ctx.strokeStyle;
    ctx.lineWidth = 1;
    ctx.setLineDash(subflowDash(c - 1) as number[]);
    ctx.beginPath();
    for (let j = from; j < to; j++) {
      const i = frames[j]!;
      if (t.subflow[i]! + 1 !== c) continue;
      arrowInto(SEG, t, i, x, layout);
      ctx.moveTo(SEG[0], SEG[1]);
      ctx.lineTo(SEG[2], SEG[3]);
    }
    ctx.stroke();
    ctx.setLineDash([]);
    if (!arrowheads) continue;
    ctx.beginPath();
    for (let j = from; j < to; j++) {
      const i = frames[j]!;
      if (t.subflow[i]! + 1 !== c || t.fate[i] === FATE_CODE.dropped) continue;
      arrowInto(SEG, t, i, x, layout);
      arrowhead(ctx, SEG[0], SEG[1], SEG[2], SEG[3]);
    }
    ctx.fill();
  }
  // Shapes, not only colour, for what attackers and the network did.
  for (let j = from; j < to; j++) {
    const i = frames[j]!;
    const fate = t.fate[i]!;
    if (fate === FATE_CODE.delivered && t.attacker[i]! < 0) continue;
    arrowInto(SEG, t, i, x, layout);
    ctx.globalAlpha = alpha;
    if (fate === FATE_CODE.injected) triangle(ctx, SEG[0], SEG[1], 5);
    else if (fate === FATE_CODE.modified) diamond(ctx, (SEG[0] + SEG[2]) / 2, (SEG[1] + SEG[3]) / 2, 5);
    else if (fate === FATE_CODE.dropped) cross(ctx, SEG[2], SEG[3], 4, ATTACK_COLOUR);
    ctx.globalAlpha = 1;
  }
}

/** The attack's key events as flags on poles, in rows above the lanes; a failure's flag in the attack colour. */
function drawFlags(ctx: CanvasRenderingContext2D, s: LadderScene, x: (us: number) => number): void {
  const { theme, gutter, width } = s;
  const flags = placeFlags(s.annotations ?? [], x, (text) => ctx.measureText(text).width, gutter, width, FLAG_ROWS);
  ctx.textAlign = 'start';
  ctx.textBaseline = 'middle';
  for (const f of flags) {
    const a = f.annotation;
    const y = AXIS_HEIGHT + 2 + f.row * FLAG_ROW_HEIGHT;
    const x0 = flagLeft(f, width);
    const failure = a.kind === 'failure';
    ctx.globalAlpha = a.timeUs <= s.nowUs ? 1 : 0.5;
    ctx.strokeStyle = failure ? ATTACK_COLOUR : theme.accent;
    ctx.lineWidth = 1.5;
    line(ctx, f.x, y, f.x, s.layout.top);
    ctx.fillStyle = failure ? ATTACK_COLOUR : theme.bg;
    ctx.fillRect(x0, y, f.width, FLAG_ROW_HEIGHT - 2);
    if (!failure) {
      ctx.lineWidth = 1;
      ctx.strokeRect(x0 + 0.5, y + 0.5, f.width - 1, FLAG_ROW_HEIGHT - 3);
    }
    ctx.fillStyle = failure ? '#ffffff' : theme.text;
    ctx.fillText(a.text, x0 + 5, y + (FLAG_ROW_HEIGHT - 2) / 2);
  }
  ctx.globalAlpha = 1;
}

function drawAxis(ctx: CanvasRenderingContext2D, s: LadderScene, x: (us: number) => number): void {
  const { theme, gutter, width, t0, t1 } = s;
  ctx.fillStyle = s.theme.bg;
  ctx.fillRect(gutter, 0, width - gutter, AXIS_HEIGHT);
  ctx.fillStyle = theme.muted;
  ctx.strokeStyle = theme.border;
  ctx.textAlign = 'center';
  const step = niceStep((t1 - t0) / Math.max(1, (width - gutter) / 90));
  ctx.beginPath();
  for (let v = Math.ceil(t0 / step) * step; v <= t1; v += step) {
    const xv = Math.round(x(v)) + 0.5;
    ctx.moveTo(xv, AXIS_HEIGHT - 5);
    ctx.lineTo(xv, AXIS_HEIGHT);
    // The first label would run into the lane labels: it starts at its tick instead.
    ctx.textAlign = xv < gutter + 30 ? 'left' : 'center';
    ctx.fillText(formatUs(v, step), xv + (xv < gutter + 30 ? 2 : 0), AXIS_HEIGHT / 2 - 1);
  }
  ctx.moveTo(gutter, AXIS_HEIGHT + 0.5);
  ctx.lineTo(width, AXIS_HEIGHT + 0.5);
  ctx.stroke();
  ctx.textAlign = 'left';
}

function drawLaneLabels(ctx: CanvasRenderingContext2D, s: LadderScene): void {
  const { t, layout, gutter, theme } = s;
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, 0, gutter, s.height);
  ctx.strokeStyle = theme.border;
  line(ctx, gutter - 0.5, 0, gutter - 0.5, s.height);
  ctx.textAlign = 'left';
  t.lanes.forEach((lane, k) => {
    ctx.fillStyle = lane.kind === 'attacker' ? ATTACK_COLOUR : lane.kind === 'connection' ? theme.text : theme.muted;
    ctx.fillText(fit(ctx, lane.label, gutter - 10), 6, laneY(layout, k));
  });
}

/** Index in `frames` of the first frame that starts after `us`. */
function lowerBoundIn(frames: Int32Array, t: TimelineData, us: number): number {
  let lo = 0;
  let hi = frames.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t.startUs[frames[mid]!]! <= us) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function line(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
}

function arrowhead(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): void {
  const a = Math.atan2(y1 - y0, x1 - x0);
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 6 * Math.cos(a - 0.4), y1 - 6 * Math.sin(a - 0.4));
  ctx.lineTo(x1 - 6 * Math.cos(a + 0.4), y1 - 6 * Math.sin(a + 0.4));
  ctx.closePath();
}

function triangle(ctx: CanvasRenderingContext2D, cx: number, cy: number, r: number): void {
  ctx.fillStyle = ATTACK_COLOUR;
  ctx.beginPath();
  ctx.moveTo(cx, cy - r);
  ctx.lineTo(cx + r, cy + r * 0.8);
  ctx.lineTo(cx - r, cy + r * 0.8);
  ctx.closePath();
  ctx.fill();
}

function diamond(ctx: CanvasRenderingContext2D, cx: number, cy: number, r: number): void {
  ctx.fillStyle = ATTACK_COLOUR;
  ctx.beginPath();
  ctx.moveTo(cx, cy - r);
  ctx.lineTo(cx + r, cy);
  ctx.lineTo(cx, cy + r);
  ctx.lineTo(cx - r, cy);
  ctx.closePath();
  ctx.fill();
}

function cross(ctx: CanvasRenderingContext2D, cx: number, cy: number, r: number, colour: string): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(cx - r, cy - r);
  ctx.lineTo(cx + r, cy + r);
  ctx.moveTo(cx + r, cy - r);
  ctx.lineTo(cx - r, cy + r);
  ctx.stroke();
}

export function withAlpha(hex: string, alpha: number): string {
  if (alpha >= 1 || !hex.startsWith('#') || hex.length !== 7) return hex;
  const a = Math.round(alpha * 255).toString(16).padStart(2, '0');
  return `${hex}${a}`;
}

/** 1, 2 or 5 times a power of ten, at least `raw`. */
export function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** A tick label: ms with as many decimals as the step needs. */
export function formatUs(us: number, step: number): string {
  const decimals = Math.max(0, Math.min(3, Math.ceil(-Math.log10(step / 1000))));
  return `${(us / 1000).toFixed(decimals)} ms`;
}

function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let s = text;
  while (s.length > 1 && ctx.measureText(`${s}…`).width > width) s = s.slice(0, -1);
  return `${s}…`;
}
