/** What `lab surface --tradeoffs` prints: one line per mitigation set with its measured costs, then the cheapest set. */
import type { TradeoffResult, TradeoffRow } from '../engine/index.ts';

const setName = (r: TradeoffRow) => (r.kinds.includes('all') ? `all ${r.mitigations.length}` : r.mitigations.length ? r.mitigations.join(' + ') : '(version defaults)');
const num = (n: number | null) => (n === null ? '—' : String(n));

export function tradeoffText(t: TradeoffResult): string {
  const head = ['set', 'kind', 'hash/conn', 'hash/join', 'state/conn B', 'state/join B', 'wire B', 'NAT', 'stops', 'left', 'adds'];
  const rows = t.rows.map((r) => [setName(r), r.kinds.join(','), num(r.cost.hashPerConnection), num(r.cost.hashPerJoin), num(r.cost.stateBytesPerConnection), num(r.cost.stateBytesPerJoin), num(r.cost.wireBytes), r.cost.natCompatible ? 'ok' : `breaks ${r.cost.joinsBroken} join(s)`, String(r.stopped.length), String(r.remaining.length), String(r.added.length)]);
  const grid = [head, ...rows];
  const widths = head.map((_, j) => Math.max(...grid.map((row) => row[j]!.length)));
  const line = (row: string[]) => row.map((x, j) => x.padEnd(widths[j]!)).join(' │ ');
  const out = ['Mitigation trade-offs (costs from the attacker-free run under each set; stops/left/adds: findings of the map)', line(head), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)];
  const c = t.cheapest;
  out.push('');
  if (t.stoppable.length === 0) out.push('No set that keeps the scenario\'s joins working stops any finding of the map.');
  else if (!c) out.push(`No set stops every stoppable finding (${t.setsSearched} sets searched).`);
  else out.push(`Cheapest set that stops all ${t.stoppable.length} stoppable findings: ${setName(c)} (${c.cost.hashPerConnection} hash operations per connection; ${t.setsSearched} sets searched).`);
  if (t.unstoppable.length) out.push(`No set that keeps the joins working stops ${t.unstoppable.length} finding(s): ${t.unstoppable.slice(0, 10).join(', ')}${t.unstoppable.length > 10 ? ', …' : ''}`);
  return out.join('\n');
}
