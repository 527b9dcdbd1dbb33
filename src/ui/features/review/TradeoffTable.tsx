import { Fragment, useId } from 'react';
import type { TradeoffResult } from '../../../engine/index.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { Tag } from '../../components/Tag.tsx';
import { formatCount } from '../../lib/format.ts';
import { findingKeyText } from './finding-text.ts';
import { cheapestSentence, KIND_LABELS, natText, setText, tableRows } from './tradeoff-text.ts';
import './review.css';

export interface TradeoffTableProps {
  /** The engine's trade-offs for the scenario; null before they are computed. */
  result: TradeoffResult | null;
  /** The computation is under way. */
  running: boolean;
  /** Runs done so far in the current phase, when known. */
  progress?: { done: number; total: number; phase?: string } | null;
  /** The result is for an earlier version of the scenario (its `version` differs from the current surface version). */
  stale?: boolean;
  /** Why the last computation failed. */
  error?: string | null;
  onCompute(): void;
  /** Stops a computation under way (a Cancel button shows while it runs). */
  onCancel?(): void;
}

/** Null costs (no join ran) say so rather than showing zero. */
const count = (n: number | null) => (n === null ? 'no join' : formatCount(n));

/**
 * Mitigation sets of a scenario against what each costs (measured by the
 * engine) and what it stops of the surface map's findings, with the
 * cheapest set that stops every stoppable one stated in a sentence.
 */
/** What each phase of the computation is doing, for the progress note. */
const PHASE_TEXT: Record<string, string> = { cost: 'Measuring costs', effect: 'Re-running the map under each set', search: 'Searching for the cheapest set' };

export function TradeoffTable({ result, running, progress = null, stale = false, error = null, onCompute, onCancel }: TradeoffTableProps) {
  const headingId = useId();
  return (
    <section className="tradeoffs" aria-labelledby={headingId}>
      <header className="tradeoffs__head">
        <h3 id={headingId} className="tradeoffs__title">
          Mitigation trade-offs
        </h3>
        <button type="button" className="btn btn--small" onClick={onCompute} disabled={running}>
          {running ? 'Computing…' : result ? 'Recompute trade-offs' : 'Compute trade-offs'}
        </button>
        {running && (
          <progress className="tradeoffs__progress" aria-label="Trade-off progress" value={progress ? progress.done : undefined} max={progress ? Math.max(1, progress.total) : undefined} />
        )}
        {running && progress && <span className="tradeoffs__note">{`${PHASE_TEXT[progress.phase ?? ''] ?? 'Running'}: ${formatCount(progress.done)} of ${formatCount(progress.total)} runs`}</span>}
        {running && onCancel && (
          <button type="button" className="btn btn--small btn--quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
      </header>
      {error && (
        <p className="tradeoffs__note" role="alert">
          {error}
        </p>
      )}
      {!result ? (
        !running && <p className="tradeoffs__note">Measures each mitigation alone, the version defaults, all of them, and searches for the cheapest set that stops every failure the surface map found.</p>
      ) : (
        <>
          {stale && <p className="tradeoffs__note">These trade-offs are for an earlier version of the scenario: recompute them to see the current one.</p>}
          <p className="tradeoffs__verdict">{cheapestSentence(result)}</p>
          <div className="tradeoffs__scroll">
            <table className="tradeoffs__table">
              <caption>Costs from the attacker-free run under each set; findings from re-running the surface map’s rows.</caption>
              <thead>
                <tr>
                  <th scope="col">Mitigation set</th>
                  <th scope="col" className="num">Hash ops per connection (SHA + cipher blocks)</th>
                  <th scope="col" className="num">Hash ops per join (SHA + cipher blocks)</th>
                  <th scope="col" className="num">State per connection (bytes)</th>
                  <th scope="col" className="num">State per join (bytes)</th>
                  <th scope="col" className="num">On the wire (bytes)</th>
                  <th scope="col">NAT</th>
                  <th scope="col" className="num">Stopped (findings)</th>
                  <th scope="col" className="num">Remaining (findings)</th>
                  <th scope="col" className="num">Added (failures)</th>
                </tr>
              </thead>
              <tbody>
                {tableRows(result).map(({ row, cheapest }) => {
                  const kinds = cheapest && !row.kinds.includes('cheapest') ? [...row.kinds, 'cheapest' as const] : row.kinds;
                  return (
                    <tr key={[...row.mitigations].sort().join('+') || 'defaults'} className={cheapest ? 'tradeoffs__row--cheapest' : undefined}>
                      <th scope="row">
                        <span className="tradeoffs__set">
                          {setText(row.mitigations)}
                          {kinds.map((k) => (
                            <Fragment key={k}>
                              {' '}
                              <Tag tone={k === 'cheapest' ? 'accent' : 'plain'}>{KIND_LABELS[k]}</Tag>
                            </Fragment>
                          ))}
                        </span>
                      </th>
                      <td className="num">{formatCount(row.cost.hashPerConnection)}</td>
                      <td className="num">{count(row.cost.hashPerJoin)}</td>
                      <td className="num">{formatCount(row.cost.stateBytesPerConnection)}</td>
                      <td className="num">{count(row.cost.stateBytesPerJoin)}</td>
                      <td className="num">{formatCount(row.cost.wireBytes)}</td>
                      <td>
                        <StatusBadge verdict={row.cost.natCompatible}>{natText(row)}</StatusBadge>
                      </td>
                      <td className="num">{formatCount(row.stopped.length)}</td>
                      <td className="num">{formatCount(row.remaining.length)}</td>
                      <td className="num">{formatCount(row.added.length)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {tableRows(result).some(({ row }) => row.added.length > 0) && (
            <>
              <p className="tradeoffs__note">Failures a set brings that the defaults did not have:</p>
              <ul className="tradeoffs__unstoppable" aria-label="Failures a set adds">
                {tableRows(result)
                  .filter(({ row }) => row.added.length > 0)
                  .map(({ row }) => (
                    <li key={[...row.mitigations].sort().join('+') || 'defaults'}>{`${setText(row.mitigations)}: ${row.added.map(findingKeyText).join('; ')}`}</li>
                  ))}
              </ul>
            </>
          )}
          {result.unstoppable.length > 0 && (
            <>
              <p className="tradeoffs__note">{`${formatCount(result.unstoppable.length)} ${result.unstoppable.length === 1 ? 'finding' : 'findings'} no set stops while keeping the scenario's joins working:`}</p>
              <ul className="tradeoffs__unstoppable" aria-label="Findings no set stops">
                {result.unstoppable.map((k) => (
                  <li key={k}>{findingKeyText(k)}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
