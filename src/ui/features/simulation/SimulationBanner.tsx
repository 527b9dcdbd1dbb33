import { useAppStore } from '../../store/store-context.tsx';
import { selectDraft, selectSimulation } from '../../store/selectors.ts';
import { useDismissableDetails } from '../../lib/use-dismissable-details.ts';
import { plural } from '../../lib/format.ts';
import { ScenarioActions } from '../scenarios/ScenarioActions.tsx';
import type { SimulationSummary } from '../../../worker/capture-client.ts';

/** The fingerprints that prove the run is `lab run`'s, for a reviewer who asks; a student need not see hex. */
function RunDetails({ sim }: { sim: SimulationSummary }) {
  const details = useDismissableDetails();
  return (
    <details className="simbanner__details" ref={details}>
      <summary className="btn btn--small btn--quiet">Run details</summary>
      <div className="simbanner__popover" role="group" aria-label="Run details">
        <p>
          Scenario <code>{sim.scenarioId}</code>, {sim.protocol}, seed {sim.seed}
        </p>
        <p>
          Trace digest <code data-testid="trace-digest">{sim.digest}</code>
        </p>
        {sim.pcapSha256 && (
          <p>
            Capture SHA-256 <code data-testid="pcap-sha256">{sim.pcapSha256}</code>
          </p>
        )}
        <p>
          The same scenario and seed give the same digest and bytes: <code>{sim.reproduce.command}</code>
          {sim.reproduce.needsFile && ' (save the scenario first)'}
        </p>
      </div>
    </details>
  );
}

/** What the last simulation run did and the scenario's actions, in one line; its fingerprints one click away. */
export function SimulationBanner() {
  const sim = useAppStore(selectSimulation);
  const draft = useAppStore(selectDraft);
  if (!sim) return null;
  const apps = sim.apps
    .map((a) => `${a.id}: ${a.bytesRead.server + a.bytesRead.client} bytes read, ${a.intact ? 'every byte intact' : 'CORRUPTED'}${a.completedUs === null ? ', not completed' : ''}`)
    .join('; ');
  const outcome = `${plural(sim.packets, 'packet')} on the links, ${sim.finished ? 'finished' : 'stopped'} at ${(sim.endUs / 1000).toFixed(3)} ms. ${apps}.`;
  return (
    <section className="simbanner" aria-label="Simulation">
      <div className="simbanner__row">
        <p className="simbanner__title" title={outcome}>
          Simulated <strong>{sim.title}</strong> <span className="simbanner__text">{outcome}</span>
        </p>
        <RunDetails sim={sim} />
        {draft && <ScenarioActions />}
      </div>
      {sim.note && <p className="simbanner__text simbanner__note">{sim.note}</p>}
      {sim.pcapSha256 === null && (
        <p className="simbanner__text simbanner__note" role="note">
          This run is too large to keep its packets in the browser, so it has no timeline, topology replay or packet list here: its outcome and digest are under Run details. To see its packets, run <code>{sim.reproduce.command} --pcap run.pcapng</code> and open that file.
        </p>
      )}
    </section>
  );
}
