/**
 * A run as a Mermaid sequence diagram for design documents: one participant
 * per lane, one message per signalling packet (handshakes, joins, address
 * signals, closes, and everything an attacker sent), data packets left out.
 */
import { FATE_CODE, MARK, SIGNAL_MARKS as SIGNALS, SIGNAL_OPTIONS, type TimelineData } from '../../../engine/index.ts';
import { mermaidText } from '../../lib/export-text.ts';

const NAMES: [number, string][] = [
  ...(['SYN', 'FIN', 'RST', ...SIGNAL_OPTIONS] as const).map((name): [number, string] => [MARK[name], name]),
  [MARK.DSS_MAP, 'data'],
  [MARK.DATA_ACK, 'DATA_ACK'],
];
const FATES = ['', ' (dropped)', ' (modified)', ' (injected)'];

/**
 * Mermaid text; at most `limit` messages (a note says how many were left out).
 * Names from the scenario go through mermaidText (entity codes), and a `#`
 * of our own is `#35;`: Mermaid reads a bare `#` as the start of a comment.
 */
export function mermaidSequence(t: TimelineData, failures: readonly { timeUs: number; name: string }[], limit = 300): string {
  const ids = t.lanes.map((_, k) => `L${k}`);
  const lines = ['sequenceDiagram'];
  t.lanes.forEach((lane, k) => {
    if (lane.kind !== 'connection') lines.push(`  participant ${ids[k]} as ${mermaidText(lane.label)}`);
  });
  const pending = [...failures].sort((a, b) => a.timeUs - b.timeUs);
  const note = (text: string) => lines.push(`  Note over ${ids[1]},${ids[ids.length - 1]}: ${text}`);
  let shown = 0;
  let skipped = 0;
  for (let i = 0; i < t.count; i++) {
    const m = t.marks[i]!;
    const attacker = t.attacker[i]! >= 0;
    if ((m & SIGNALS) === 0 && !attacker) continue;
    while (pending.length && pending[0]!.timeUs <= t.startUs[i]!) {
      const f = pending.shift()!;
      note(`${mermaidText(f.name)} from ${(f.timeUs / 1000).toFixed(1)} ms`);
    }
    if (shown >= limit) {
      skipped++;
      continue;
    }
    const what = NAMES.filter(([bit]) => m & bit).map(([, n]) => n).join(' ') || 'packet';
    const arrow = t.fate[i] === FATE_CODE.dropped ? '-x' : attacker ? '-)' : '->>';
    lines.push(`  ${ids[t.fromLane[i]!]}${arrow}${ids[t.toLane[i]!]}: #35;${i + 1} ${what}${FATES[t.fate[i]!]} at ${(t.startUs[i]! / 1000).toFixed(3)} ms`);
    shown++;
  }
  for (const f of pending) note(`${mermaidText(f.name)} from ${(f.timeUs / 1000).toFixed(1)} ms`);
  if (skipped) note(`${skipped} more signalling packets left out`);
  return `${lines.join('\n')}\n`;
}
