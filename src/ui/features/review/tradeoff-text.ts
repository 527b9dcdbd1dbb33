/** The trade-off table's words: a set by its mitigations, its kinds, its NAT verdict and the sentence naming the cheapest set. */
import type { MatrixMitigation, TradeoffKind, TradeoffResult, TradeoffRow } from '../../../engine/index.ts';
import { formatCount, plural } from '../../lib/format.ts';
import { MITIGATION_LABELS } from '../matrix/mitigation-sets.ts';

export const KIND_LABELS: Record<TradeoffKind, string> = { defaults: 'Defaults', alone: 'Alone', all: 'All', cheapest: 'Cheapest' };

/** "TLS + DH keys (what-if)"; the version's own defaults when the set adds nothing. */
export function setText(mitigations: readonly MatrixMitigation[]): string {
  return mitigations.length ? mitigations.map((m) => MITIGATION_LABELS[m] ?? m).join(' + ') : 'Version defaults only';
}

/** Rows in the engine's order, the cheapest set among them (added at the end if the result lists it only as `cheapest`). */
export function tableRows(r: TradeoffResult): { row: TradeoffRow; cheapest: boolean }[] {
  const same = (a: TradeoffRow, b: TradeoffRow) => a.mitigations.length === b.mitigations.length && a.mitigations.every((m) => b.mitigations.includes(m));
  const best = r.cheapest;
  const rows = r.rows.map((row) => ({ row, cheapest: best !== null && (row === best || same(row, best)) }));
  if (best && !rows.some((x) => x.cheapest)) rows.push({ row: best, cheapest: true });
  return rows;
}

export function natText(row: TradeoffRow): string {
  return row.cost.natCompatible ? 'Compatible' : `Breaks ${plural(row.cost.joinsBroken, 'join')}`;
}

/** The verdict in one sentence: the cheapest set and what it costs, or why there is none. */
export function cheapestSentence(r: TradeoffResult): string {
  const searched = `(${plural(r.setsSearched, 'set')} searched)`;
  if (r.stoppable.length === 0) {
    return r.unstoppable.length ? `No set that keeps the scenario's joins working stops any finding of the map ${searched}.` : 'The surface map found nothing to stop.';
  }
  const best = r.cheapest;
  if (!best) return `No set stops every stoppable finding ${searched}.`;
  const cost = `${formatCount(best.cost.hashPerConnection)} hash operations per connection`;
  if (best.mitigations.length === 0) return `The version's defaults already stop every stoppable finding (${cost}).`;
  return `The cheapest set that stops every stoppable finding: ${setText(best.mitigations)} (${cost}) ${searched}.`;
}
