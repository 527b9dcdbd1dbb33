import { useAppStore } from '../../store/store-context.tsx';
import { selectDraft, selectSimulation } from '../../store/selectors.ts';
import { ScenarioActions } from '../scenarios/ScenarioActions.tsx';

/** What the last simulation run did, the scenario's actions, and the fingerprints that prove it ran like `lab run`. */
export function SimulationBanner() {
  const sim = useAppStore(selectSimulation);
  const draft = useAppStore(selectDraft);
  if (!sim) return null;
  const apps = sim.apps
    .map((a) => `${a.id}: ${a.bytesRead.server + a.bytesRead.client} bytes read, ${a.intact ? 'every byte intact' : 'CORRUPTED'}${a.completedUs === null ? ', not completed' : ''}`)
    .join('; ');
  return (
    <section className="simbanner" aria-label="Simulation">
      <div className="simbanner__row">
        <p className="simbanner__title">
          Simulated <strong>{sim.title}</strong> <span className="simbanner__meta">({sim.scenarioId}, {sim.protocol}, seed {sim.seed})</span>
        </p>
        {draft && <ScenarioActions />}
      </div>
      {sim.note && <p className="simbanner__text simbanner__note">{sim.note}</p>}
      {sim.pcapSha256 === null && (
        <p className="simbanner__text simbanner__note" role="note">
          This run is too large to keep its packets in the browser, so it has no timeline, topology replay or packet list here: its outcome and digest are below. To see its packets, run <code>{sim.reproduce.command} --pcap run.pcapng</code> and open that file.
        </p>
      )}
      <p className="simbanner__text">
        {sim.packets} packets on the links, {sim.finished ? 'finished' : 'stopped'} at {(sim.endUs / 1e6).toFixed(6)} s of simulated time. {apps}.{' '}
        <span className="simbanner__fingerprints">
          Trace digest <code data-testid="trace-digest">{sim.digest}</code>
          {sim.pcapSha256 && (
            <>
              {' '}
              · capture SHA-256 <code data-testid="pcap-sha256" title={`The same scenario and seed give the same digest and bytes: ${sim.reproduce.command}`}>{sim.pcapSha256}</code>
            </>
          )}
        </span>
      </p>
    </section>
  );
}
