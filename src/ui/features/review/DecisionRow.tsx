import { memo } from 'react';
import { SEVERITIES, type ReviewDecision, type ReviewedFinding, type ReviewSeverity, type ReviewStatus } from '../../../engine/index.ts';
import { Tag } from '../../components/Tag.tsx';
import { decisionWith, entryParts, entrySeverity, entryStatus } from './decisions-model.ts';
import { ReviewTextField } from './ReviewTextField.tsx';
import { attackText, classText, failureText, findingTitle, placeText, SEVERITY_LABELS, STATUSES } from './finding-text.ts';

interface Props {
  entry: ReviewedFinding;
  disabled: boolean;
  onDecide(decision: ReviewDecision): void;
  onRemove(key: string): void;
}

/** One finding (or a decision whose finding is gone): what it is, its flags, and the reviewer's decision as four fields. */
export const DecisionRow = memo(function DecisionRow({ entry, disabled, onDecide, onRemove }: Props) {
  const parts = entryParts(entry);
  const failure = failureText(parts.failure);
  const fallback = entry.finding?.defaultSeverity ?? null;
  const decide = (patch: Parameters<typeof decisionWith>[1]) => onDecide(decisionWith(entry, patch));
  return (
    <li className={`decision decision--${entry.flag}`}>
      <div role="group" aria-label={findingTitle(parts)} className="decision__body">
        <div className="decision__head">
          <h4 className="decision__title">{failure.name}</h4>
          <Tag title="STRIDE category">{failure.stride}</Tag>
          {entry.finding && (entry.finding.mptcpSpecific ? <Tag tone="accent">MPTCP-specific</Tag> : <Tag>Inherited from TCP</Tag>)}
          {entry.flag === 'new' && <Tag tone="warn">New</Tag>}
          {entry.flag === 'no-longer-found' && <Tag tone="warn">No longer found</Tag>}
        </div>
        <p className="decision__where">
          {attackText(parts.attack)} {placeText(parts.place)} · {classText(parts)}
        </p>
        <div className="decision__fields">
          <label className="decision__field">
            <span className="decision__label">Status</span>
            <select className="decision__input" value={entryStatus(entry)} disabled={disabled} onChange={(e) => decide({ status: e.target.value as ReviewStatus })}>
              {STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <label className="decision__field">
            <span className="decision__label">Severity</span>
            <select className="decision__input" value={entrySeverity(entry)} disabled={disabled} onChange={(e) => decide({ severity: e.target.value as ReviewSeverity })}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {SEVERITY_LABELS[s]}
                  {s === fallback ? ' (default)' : ''}
                </option>
              ))}
            </select>
          </label>
          <ReviewTextField label="Owner" value={entry.decision?.owner ?? ''} maxLength={100} disabled={disabled} onCommit={(owner) => decide({ owner })} />
          <ReviewTextField label="Comment" multiline value={entry.decision?.comment ?? ''} maxLength={4000} disabled={disabled} onCommit={(comment) => decide({ comment })} />
        </div>
        {entry.flag === 'no-longer-found' && (
          <button type="button" className="btn btn--small decision__remove" disabled={disabled} onClick={() => onRemove(entry.key)}>
            Remove decision
          </button>
        )}
      </div>
    </li>
  );
});
