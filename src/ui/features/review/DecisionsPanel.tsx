import { useCallback, useId, useMemo } from 'react';
import type { ReviewDecision, ReviewedFinding } from '../../../engine/index.ts';
import type { AppState } from '../../store/types.ts';
import { selectEdit } from '../../store/selectors.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { DecisionRow } from './DecisionRow.tsx';
import { entriesAt, keysOnScreen, sortEntries, summaryText } from './decisions-model.ts';
import { placeText } from './finding-text.ts';
import './review.css';

export interface DecisionsPanelProps {
  /** A surface run's findings against the scenario's review (`reconcileReview`). */
  findings: readonly ReviewedFinding[];
  /** Only this place's findings (a link or router id, or "off-path"); all of them when left out. */
  place?: string | null;
  /** Shows the decisions without letting them change. */
  readOnly?: boolean;
}

const selectHasDraft = (s: AppState) => s.draft !== null;

/**
 * The reviewer's decisions about a surface map's findings: flagged ones
 * first, then by severity. Each edit is one scenario change (undo, autosave
 * and the scenario file cover it); the findings on screen become the
 * reviewed ones, so only a later run's others are flagged new.
 */
export function DecisionsPanel({ findings, place = null, readOnly = false }: DecisionsPanelProps) {
  const edit = useAppStore(selectEdit);
  const hasDraft = useAppStore(selectHasDraft);
  const disabled = readOnly || !hasDraft;
  const headingId = useId();
  const entries = useMemo(() => sortEntries(entriesAt(findings, place)), [findings, place]);
  const onScreen = useMemo(() => keysOnScreen(entries), [entries]);
  const fresh = useMemo(() => entries.filter((e) => e.flag === 'new').map((e) => e.key), [entries]);
  const onDecide = useCallback((decision: ReviewDecision) => edit({ kind: 'set-review-decision', decision, findings: onScreen }), [edit, onScreen]);
  const onRemove = useCallback((key: string) => edit({ kind: 'remove-review-decision', key }), [edit]);

  return (
    <section className="decisions" aria-labelledby={headingId}>
      <header className="decisions__head">
        <h3 id={headingId} className="decisions__title">
          Reviewer decisions{place === null ? '' : ` ${placeText(place)}`}
        </h3>
        <p className="decisions__summary" role="status">
          {summaryText(entries)}
        </p>
        {fresh.length > 0 && (
          <button type="button" className="btn btn--small" disabled={disabled} onClick={() => edit({ kind: 'mark-reviewed', findings: fresh })}>
            Mark new findings as seen
          </button>
        )}
      </header>
      {entries.length === 0 ? (
        <p className="decisions__none">{place === null ? 'The surface map found no failures to decide about.' : `No failures found ${placeText(place)}.`}</p>
      ) : (
        <ul className="decisions__list">
          {entries.map((e) => (
            <DecisionRow key={e.key} entry={e} disabled={disabled} onDecide={onDecide} onRemove={onRemove} />
          ))}
        </ul>
      )}
    </section>
  );
}
