import { useDismissableDetails } from '../../lib/use-dismissable-details.ts';
import { useEffect, useId, useRef, useState } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { selectDraft, selectDraftBase, selectEdit, selectLoadScenarios, selectBusy, selectRunDraft, selectScenarios, selectSimulate, selectSimulation, selectLessonLock } from '../../store/selectors.ts';
import type { HostMitigation } from '../../../engine/index.ts';
import { PlayIcon } from '../../components/icons.tsx';
import type { SimProtocol, SimulateSettings } from '../../../worker/capture-client.ts';
import { parseShareLink } from '../../lib/share-link.ts';
import { MITIGATIONS, PROTOCOLS } from '../../lib/switch-labels.ts';

/**
 * Pick a built-in scenario, its protocol and mitigations, and run it in the
 * engine; its capture opens in the viewer. Picking a scenario runs it, and
 * changing a switch while that scenario is on screen runs it again at once
 * (Simulate runs it again as it is).
 */
export function SimulateControl() {
  const details = useDismissableDetails();
  const scenarios = useAppStore(selectScenarios);
  const simulate = useAppStore(selectSimulate);
  const loadScenarios = useAppStore(selectLoadScenarios);
  const busy = useAppStore(selectBusy);
  const simulation = useAppStore(selectSimulation);
  const draft = useAppStore(selectDraft);
  const draftBase = useAppStore(selectDraftBase);
  const edit = useAppStore(selectEdit);
  const runDraft = useAppStore(selectRunDraft);
  // A share link picks the scenario and its switches (use-share-link.ts runs it).
  const [shared] = useState(() => parseShareLink(window.location.search));
  const [chosen, setChosen] = useState(shared?.scenarioId ?? '');
  // null: the scenario's own setting.
  const [protocol, setProtocol] = useState<SimProtocol | null>(shared?.settings.protocol ?? null);
  const [mitigations, setMitigations] = useState<string[] | null>(shared?.settings.mitigations ?? null);
  const id = useId();
  const lock = useAppStore(selectLessonLock);

  useEffect(() => {
    void loadScenarios();
  }, [loadScenarios]);

  // An opened scenario (a file, a shared edited one) is no built-in: the picker names it instead of showing the first built-in.
  const opened = draft !== null && draftBase === null && !chosen;
  const current = chosen || draftBase || (opened ? '' : scenarios[0]?.id || '');
  const info = scenarios.find((s) => s.id === current);
  // The scenario on screen is being edited: its switches are edits (undoable, and they keep the other edits).
  const editing = draft !== null && (draftBase === current || (draftBase === null && !chosen));
  const effectiveProtocol = editing ? (draft.protocol as SimProtocol) : (protocol ?? (info?.protocol as SimProtocol | undefined) ?? 'mptcp-v1');
  const effectiveMitigations: string[] = editing ? draft.mptcp.mitigations : (mitigations ?? info?.mitigations ?? []);
  const settings = (p: SimProtocol | null, m: string[] | null): SimulateSettings => ({ ...(p ? { protocol: p } : {}), ...(m ? { mitigations: m } : {}) });
  // The scenario last asked for: a switch changed while its run is still going re-runs it too.
  const lastRun = useRef<string | null>(null);
  const onScreen = () => simulation?.scenarioId === current || lastRun.current === current;
  const run = (next: SimulateSettings) => {
    lastRun.current = current;
    void simulate(current, next);
  };

  const changeProtocol = (p: SimProtocol) => {
    setProtocol(p);
    if (editing) edit({ kind: 'set-protocol', protocol: p });
    else if (onScreen()) run(settings(p, mitigations));
  };
  const toggleMitigation = (m: string, on: boolean) => {
    const next = on ? [...effectiveMitigations, m] : effectiveMitigations.filter((x) => x !== m);
    setMitigations(next);
    if (editing) edit({ kind: 'set-mitigations', mitigations: next as HostMitigation[] });
    else if (onScreen()) run(settings(protocol, next));
  };

  return (
    <div className="simulate" role="group" aria-label="Simulate">
      <label htmlFor={id} className="visually-hidden">
        Scenario
      </label>
      <select
        id={id}
        className="simulate__select"
        value={current}
        onChange={(e) => {
          // Picking a scenario runs it, as a switch does: what is chosen is what is on screen.
          const next = e.target.value;
          setChosen(next);
          setProtocol(null);
          setMitigations(null);
          lastRun.current = next;
          void simulate(next, {});
        }}
        disabled={scenarios.length === 0}
        title={info?.description}
      >
        {opened && <option value="">{draft.title} (opened)</option>}
        {scenarios.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-protocol`} className="visually-hidden">
        Protocol
      </label>
      <select
        id={`${id}-protocol`}
        className="simulate__select simulate__protocol"
        value={effectiveProtocol}
        onChange={(e) => changeProtocol(e.target.value as SimProtocol)}
        disabled={(!info && !editing) || (editing && lock?.protocol === true)}
        title={editing && lock?.protocol ? 'Locked by the lesson on this step' : undefined}
      >
        {PROTOCOLS.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </select>
      <details className="simulate__settings" ref={details}>
        <summary aria-label="Mitigations">Mitigations ({effectiveMitigations.length})</summary>
        <div className="simulate__menu" role="group" aria-label="Mitigations">
          {MITIGATIONS.map((m) => (
            <label key={m.id}>
              <input type="checkbox" checked={effectiveMitigations.includes(m.id)} onChange={(e) => toggleMitigation(m.id, e.target.checked)} disabled={(!info && !editing) || (editing && lock?.mitigations === true)} />
              {m.label}
            </label>
          ))}
        </div>
      </details>
      <button type="button" className="btn btn--primary" onClick={() => (opened ? void runDraft() : run(settings(protocol, mitigations)))} disabled={(!current && !opened) || busy}>
        <PlayIcon /> Simulate
      </button>
    </div>
  );
}
