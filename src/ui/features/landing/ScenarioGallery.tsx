import { useEffect, useId } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { selectLoadScenarios, selectBusy, selectScenarios, selectSimulate } from '../../store/selectors.ts';
import type { ScenarioInfo } from '../../../worker/capture-client.ts';
import { ScenarioCard } from './ScenarioCard.tsx';

function ScenarioGroup({ title, lead, scenarios, onRun, disabled }: { title: string; lead: string; scenarios: ScenarioInfo[]; onRun(id: string): void; disabled: boolean }) {
  const id = useId();
  if (scenarios.length === 0) return null;
  return (
    <section className="gallery__group" aria-labelledby={id}>
      <h3 id={id} className="gallery__group-title">
        {title} <span className="gallery__count" aria-hidden="true">({scenarios.length})</span>
      </h3>
      <p className="gallery__group-lead">{lead}</p>
      <div className="gallery__cards">
        {scenarios.map((s) => (
          <ScenarioCard key={s.id} scenario={s} onRun={onRun} disabled={disabled} />
        ))}
      </div>
    </section>
  );
}

/** Every built-in scenario as a card to run: attacks first, then networks. */
export function ScenarioGallery() {
  const scenarios = useAppStore(selectScenarios);
  const loadScenarios = useAppStore(selectLoadScenarios);
  const simulate = useAppStore(selectSimulate);
  const busy = useAppStore(selectBusy);
  const id = useId();

  useEffect(() => {
    if (scenarios.length === 0) void loadScenarios();
  }, [scenarios.length, loadScenarios]);

  const run = (scenarioId: string) => void simulate(scenarioId);
  return (
    <section className="gallery" aria-labelledby={id}>
      <h2 id={id} className="gallery__title">
        Simulate a scenario
      </h2>
      <p className="landing__lead">Each one runs here, in the lab's own MPTCP engine; then flip the protocol version or a mitigation and run it again.</p>
      {scenarios.length === 0 ? (
        <p className="gallery__empty">Loading the scenarios…</p>
      ) : (
        <>
          <ScenarioGroup title="Attacks" lead="An attacker on or off the path, and what the hosts let through." scenarios={scenarios.filter((s) => s.attacks.length > 0)} onRun={run} disabled={busy} />
          <ScenarioGroup title="Networks" lead="Multipath TCP at work, with no attacker: place one yourself." scenarios={scenarios.filter((s) => s.attacks.length === 0)} onRun={run} disabled={busy} />
        </>
      )}
    </section>
  );
}
