import { useAppStore } from '../../store/store-context.tsx';
import { selectSimulation } from '../../store/selectors.ts';

/** What the last simulation run did, with the fingerprints that prove it ran like `lab run`. */
export function SimulationBanner() {
  const sim = useAppStore(selectSimulation);
  if (!sim) return null;
  const apps = sim.apps
    .map((a) => `${a.id}: ${a.bytesRead.server + a.bytesRead.client} bytes read, ${a.intact ? 'every byte intact' : 'CORRUPTED'}${a.completedUs === null ? ', not completed' : ''}`)
    .join('; ');
  return (
    <section className="simbanner" aria-label="Simulation">
      <p className="simbanner__title">
        Simulated <strong>{sim.title}</strong> <span className="simbanner__meta">({sim.scenarioId}, {sim.protocol}, seed {sim.seed})</span>{' '}
        <button
          type="button"
          className="btn btn--small"
          onClick={() => void navigator.clipboard?.writeText(window.location.href)}
          title="Copies a link that opens this run, with these switches, on the selected packet"
        >
          Copy share link
        </button>
      </p>
      <p className="simbanner__text">
        {sim.packets} packets on the links, {sim.finished ? 'finished' : 'stopped'} at {(sim.endUs / 1e6).toFixed(6)} s of simulated time. {apps}.
      </p>
      <p className="simbanner__fingerprints">
        Trace digest <code data-testid="trace-digest">{sim.digest}</code>
        {sim.pcapSha256 && (
          <>
            {' '}
            · capture SHA-256 <code data-testid="pcap-sha256">{sim.pcapSha256}</code>
          </>
        )}
        <span className="simbanner__hint"> (the same scenario and seed give the same digest in <code>lab run</code>)</span>
      </p>

    </section>
  );
}
