/**
 * Words on the ladder's arrows, as Wireshark's flow graph writes them: the
 * TCP flags that matter and the MPTCP option a packet carries ("SYN
 * MP_CAPABLE", "ADD_ADDR", "DSN 14.2k"), placed at each arrow's middle
 * where there is room, never over another label; zoomed in, they say more
 * ("SYN MP_CAPABLE v1 key seq 0 ack 0", "DSN 14.2k len 1424 seq 2849 ack 1").
 */
import { MARK, SIGNAL_MARKS, SIGNAL_OPTIONS, type TimelineData } from '../../../engine/index.ts';

/** 950, 14.2k, 1.35M: a DSN short enough to sit on an arrow (the inspector has the exact one). */
export function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 2 : 1).replace(/\.?0+$/, '')}k`;
  return `${(n / 1_000_000).toFixed(2).replace(/\.?0+$/, '')}M`;
}

/**
 * How much a label says: 0 the names alone, 1 with the option's fields and
 * the segment's length, 2 with sequence and acknowledgment numbers too. The
 * fewer arrows in view (the further zoomed in), the more room each has.
 */
export type LabelDetail = 0 | 1 | 2;

export function labelDetail(arrowsInView: number): LabelDetail {
  return arrowsInView <= 40 ? 2 : arrowsInView <= 150 ? 1 : 0;
}

/** Hex runs longer than this are cut to their first four digits ("a1b2…"), as a label has no room for a key. */
const LONG_HEX = /\b[0-9a-f]{9,}\b/g;

/**
 * What the packet list's Info says about an option, after its name:
 * "v1 key", "id 9 198.18.66.6", "token 53292bce id 0". Empty when the
 * Info does not name it.
 */
export function optionDetail(info: string, option: string): string {
  const part = info.split(' · ').find((p) => p.startsWith(`${option} `));
  return part ? part.slice(option.length + 1).replace(LONG_HEX, (h) => `${h.slice(0, 4)}…`) : '';
}

/**
 * An arrow's label, with more of the packet as `detail` grows. `info` is
 * the packet list's Info text for the frame, when it has arrived (the
 * option's own fields come from it; the numbers come from the columns).
 */
export function arrowLabel(t: TimelineData, i: number, detail: LabelDetail = 0, info?: string): string {
  const m = t.marks[i]!;
  const parts: string[] = [];
  if (m & MARK.SYN) parts.push('SYN');
  if (m & MARK.FIN) parts.push('FIN');
  if (m & MARK.RST) parts.push('RST');
  // One option is enough to tell the story: the most telling one.
  const option = SIGNAL_OPTIONS.find((name) => m & MARK[name]);
  if (option) parts.push(option);
  if (option && detail >= 1 && info) {
    const more = optionDetail(info, option);
    if (more) parts.push(more);
  }
  if (m & MARK.DSS_MAP && !Number.isNaN(t.dsn[i]!)) parts.push(`DSN ${compact(t.dsn[i]!)}`);
  else if (m & MARK.PAYLOAD) parts.push('data');
  // Nearly every MPTCP segment carries a DATA_ACK: a pure one is just an ACK, as Wireshark's flow graph says.
  if (parts.length === 0) parts.push('ACK');
  const len = t.payload?.[i] ?? 0;
  if (detail >= 1 && len > 0) parts.push(`len ${len}`);
  if (detail >= 2 && t.relSeq && t.relAck) parts.push(`seq ${t.relSeq[i]!} ack ${t.relAck[i]!}`);
  return parts.join(' ');
}

/** Which labels win the room: handshakes and signals first, then data, then plain ACKs. */
export function labelRank(t: TimelineData, i: number): 0 | 1 | 2 {
  const m = t.marks[i]!;
  if (m & SIGNAL_MARKS) return 0;
  return m & (MARK.PAYLOAD | MARK.DSS_MAP) ? 1 : 2;
}

/** Beyond this many arrows in view the ladder is a texture, and words would be noise. */
export const MAX_LABELLED_ARROWS = 400;

/** Where a label went: its box, so later ones do not cover it. */
interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * Writes the labels of frames[from, to) whose arrows are long enough to
 * carry them, on a halo of the background, skipping any that would cover
 * one already written.
 */
export function drawArrowLabels(
  ctx: CanvasRenderingContext2D,
  t: TimelineData,
  frames: Int32Array,
  seg: (i: number) => readonly [number, number, number, number],
  style: { text: string; halo: string; alphaOf: (i: number) => number },
  /** The packet list's Info text of a frame (1-based), when it has arrived. */
  infoOf: (frame: number) => string | undefined = () => undefined,
): number {
  if (frames.length > MAX_LABELLED_ARROWS) return 0;
  const detail = labelDetail(frames.length);
  const placed: Box[] = [];
  let written = 0;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let j = 0; j < 3 * frames.length; j++) {
    const i = frames[j % frames.length]!;
    if (labelRank(t, i) !== Math.floor(j / frames.length)) continue;
    const [x0, y0, x1, y1] = seg(i);
    const text = arrowLabel(t, i, detail, detail > 0 ? infoOf(i + 1) : undefined);
    const w = ctx.measureText(text).width + 6;
    // Too short an arrow (a dropped packet's stub) carries no words; otherwise only other labels limit them.
    if (Math.hypot(x1 - x0, y1 - y0) < 30) continue;
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const box = { x0: cx - w / 2, x1: cx + w / 2, y0: cy - 7, y1: cy + 7 };
    if (placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) continue;
    placed.push(box);
    ctx.globalAlpha = style.alphaOf(i);
    ctx.fillStyle = style.halo;
    ctx.fillRect(box.x0, box.y0, w, 14);
    ctx.fillStyle = style.text;
    ctx.fillText(text, cx, cy);
    written++;
  }
  ctx.globalAlpha = 1;
  ctx.textAlign = 'start';
  return written;
}
