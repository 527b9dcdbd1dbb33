import { useState } from 'react';
import type { Protocol } from '../../../engine/index.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectCompare, selectDraft, selectRunCompare } from '../../store/selectors.ts';
import { ComparePresets } from './ComparePresets.tsx';
import { CompareResults } from './CompareResults.tsx';
import { mitigationPreset, ordered, sideChanges, sideLabel, versionsPreset, type SideSettings } from './compare-options.ts';
import { SidePicker } from './SidePicker.tsx';
import './compare.css';

/** Two runs of the scenario on screen, each with its own protocol and mitigations, and which failures differ. */
export function CompareView() {
  const draft = useAppStore(selectDraft);
  const compare = useAppStore(selectCompare);
  const runCompare = useAppStore(selectRunCompare);
  // null: the draft's own setting (followed as the draft changes).
  const [picked, setPicked] = useState<{ a: SideSettings | null; b: SideSettings | null }>({ a: null, b: null });
  const own: SideSettings = { protocol: (draft?.protocol ?? 'mptcp-v1') as Protocol, mitigations: ordered(draft?.mptcp.mitigations ?? []) };
  const a = picked.a ?? own;
  const b = picked.b ?? own;
  const running = compare?.running ?? false;
  const noDraft = draft === null;
  const setPair = ([na, nb]: [SideSettings, SideSettings]) => setPicked({ a: na, b: nb });

  return (
    <section data-testid="compare" aria-label="Compare runs" className="compare">
      <div className="compare__form">
        <p className="compare__lead">
          {draft ? (
            <>
              Run <strong>{draft.title}</strong> twice, with different switches, and see which security failures each suffers.
            </>
          ) : (
            'Run a scenario first: the comparison runs the scenario on screen twice.'
          )}
        </p>
        <ComparePresets onVersions={() => setPair(versionsPreset(own))} onMitigation={(m) => setPair(mitigationPreset(own, m))} disabled={noDraft || running} />
        <div className="compare__sides">
          <SidePicker side="A" value={a} onChange={(next) => setPicked((p) => ({ ...p, a: next }))} disabled={noDraft || running} />
          <SidePicker side="B" value={b} onChange={(next) => setPicked((p) => ({ ...p, b: next }))} disabled={noDraft || running} />
        </div>
        <div className="compare__actions">
          <button
            type="button"
            className="btn btn--primary"
            disabled={noDraft || running}
            onClick={() => void runCompare({ label: sideLabel(a), changes: sideChanges(a) }, { label: sideLabel(b), changes: sideChanges(b) })}
          >
            Compare
          </button>
          <span className="compare__pair">
            A: {sideLabel(a)} · B: {sideLabel(b)}
          </span>
          <span className="compare__status" role="status">
            {running ? 'Running A and B…' : ''}
          </span>
        </div>
      </div>
      {compare?.error && (
        <p className="compare__error" role="alert">
          Could not compare: {compare.error}
        </p>
      )}
      {compare && <CompareResults compare={compare} />}
    </section>
  );
}
