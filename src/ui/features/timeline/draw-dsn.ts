/**
 * The data-sequence chart beside the ladder: each DSS mapping as a point
 * (time, relative DSN), coloured by the subflow that carried it, attacker
 * packets as triangles, failures as dashed lines. One point per screen cell
 * and colour, so its cost is bounded by its size.
 */
import { FATE_CODE, type TimelineData } from '../../../engine/index.ts';
import { ATTACK_COLOUR, subflowColour } from '../../lib/palette.ts';
import { AXIS_HEIGHT, withAlpha, type CanvasTheme } from './draw-ladder.ts';
import { passes, type LadderFilter } from './ladder-model.ts';
import { firstStart } from '../../lib/frame-search.ts';

export interface DsnScene {
  t: TimelineData;
  width: number;
  height: number;
  t0: number;
  t1: number;
  /** Largest relative DSN + length in the run (the y axis' top). */
  maxDsn: number;
  filter: LadderFilter;
  nowUs: number;
  failures: readonly { timeUs: number }[];
  theme: CanvasTheme;
}

const PAD_LEFT = 46;
const DASH = [4, 3];
const NO_DASH: number[] = [];
const PAD_BOTTOM = 8;

/** The y axis' top: the end of the highest mapping (0 when nothing was mapped). */
export function maxDsnOf(t: TimelineData): number {
  let m = 0;
  for (let i = 0; i < t.count; i++) if (!Number.isNaN(t.dsn[i]!)) m = Math.max(m, t.dsn[i]! + t.dataLength[i]!);
  return m;
}

/** Which subflow last marked each screen cell; reused between paints (pass the same one each time). */
export interface DsnScratch {
  seen: Uint8Array;
}

export function drawDsn(ctx: CanvasRenderingContext2D, s: DsnScene, scratch: DsnScratch = { seen: new Uint8Array(0) }): number {
  const { t, width, height, t0, t1, theme } = s;
  ctx.clearRect(0, 0, width, height);
  ctx.font = theme.font;
  const plotW = width - PAD_LEFT - 4;
  const plotH = height - AXIS_HEIGHT - PAD_BOTTOM;
  const x = (us: number) => PAD_LEFT + ((us - t0) / Math.max(1, t1 - t0)) * plotW;
  const y = (dsn: number) => AXIS_HEIGHT + plotH - (dsn / Math.max(1, s.maxDsn)) * plotH;

  ctx.fillStyle = theme.muted;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillText('Data sequence (bytes)', 4, AXIS_HEIGHT / 2);
  ctx.textAlign = 'right';
  ctx.fillText(compact(s.maxDsn), PAD_LEFT - 4, AXIS_HEIGHT + 4);
  ctx.fillText('0', PAD_LEFT - 4, AXIS_HEIGHT + plotH);
  ctx.strokeStyle = theme.border;
  ctx.strokeRect(PAD_LEFT + 0.5, AXIS_HEIGHT + 0.5, plotW, plotH);

  const from = firstStart(t, t0);
  const to = firstStart(t, t1, true);
  const cells = Math.max(1, Math.ceil(plotW) * Math.ceil(plotH + 1));
  if (scratch.seen.length < cells) scratch.seen = new Uint8Array(cells);
  const seen = scratch.seen;
  seen.fill(0, 0, cells);
  let drawn = 0;
  for (let i = from; i < to; i++) {
    const d = t.dsn[i]!;
    if (Number.isNaN(d) || !passes(t, i, s.filter)) continue;
    const px = x(t.startUs[i]!);
    const py = y(d);
    const attacker = t.attacker[i]! >= 0 || t.fate[i] === FATE_CODE.injected;
    const cell = Math.floor(px - PAD_LEFT) + Math.floor(py - AXIS_HEIGHT) * Math.ceil(plotW);
    if (!attacker && seen[cell] === t.subflow[i]! + 2) continue;
    seen[cell] = t.subflow[i]! + 2;
    const future = t.startUs[i]! > s.nowUs;
    ctx.fillStyle = withAlpha(attacker ? ATTACK_COLOUR : subflowColour(t.subflow[i]!), future ? 0.2 : 1);
    if (attacker) {
      ctx.beginPath();
      ctx.moveTo(px, py - 4);
      ctx.lineTo(px + 4, py + 3);
      ctx.lineTo(px - 4, py + 3);
      ctx.closePath();
      ctx.fill();
    } else {
      ctx.fillRect(px - 1, py - 1, 2.5, 2.5);
    }
    drawn++;
  }

  ctx.setLineDash(DASH);
  ctx.lineWidth = 1.5;
  for (const f of s.failures) {
    const xf = x(f.timeUs);
    if (xf < PAD_LEFT || xf > width) continue;
    ctx.strokeStyle = withAlpha(ATTACK_COLOUR, f.timeUs <= s.nowUs ? 0.9 : 0.3);
    ctx.beginPath();
    ctx.moveTo(xf, AXIS_HEIGHT);
    ctx.lineTo(xf, AXIS_HEIGHT + plotH);
    ctx.stroke();
  }
  ctx.setLineDash(NO_DASH);
  const xn = x(s.nowUs);
  if (xn >= PAD_LEFT && xn <= width) {
    ctx.strokeStyle = theme.accent;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(xn, AXIS_HEIGHT);
    ctx.lineTo(xn, AXIS_HEIGHT + plotH);
    ctx.stroke();
  }
  return drawn;
}

/** Whether two scenes draw the same picture but for the moment. */
export function sameStillDsn(a: DsnScene, b: DsnScene): boolean {
  return a.t === b.t && a.width === b.width && a.height === b.height && a.t0 === b.t0 && a.t1 === b.t1 && a.maxDsn === b.maxDsn && a.filter === b.filter && a.failures === b.failures && a.theme === b.theme;
}

/** Where the moment splits the sent (left) from the unsent (right), in CSS px. */
export function dsnSplit(s: DsnScene): number {
  const x = PAD_LEFT + ((s.nowUs - s.t0) / Math.max(1, s.t1 - s.t0)) * (s.width - PAD_LEFT - 4);
  return Math.max(PAD_LEFT, Math.min(s.width, x));
}

/** The moment's line, over a picture composed of the all-sent and none-sent layers (PlayLayers). */
export function drawDsnMoment(ctx: CanvasRenderingContext2D, s: DsnScene): void {
  const plotW = s.width - PAD_LEFT - 4;
  const plotH = s.height - AXIS_HEIGHT - PAD_BOTTOM;
  const xn = PAD_LEFT + ((s.nowUs - s.t0) / Math.max(1, s.t1 - s.t0)) * plotW;
  if (xn < PAD_LEFT || xn > s.width) return;
  ctx.strokeStyle = s.theme.accent;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(xn, AXIS_HEIGHT);
  ctx.lineTo(xn, AXIS_HEIGHT + plotH);
  ctx.stroke();
}

function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)}k`;
  return String(n);
}
