import { useAppStore } from '../../store/store-context.tsx';
import { selectCapture, selectSimulation } from '../../store/selectors.ts';
import { formatBytes, plural } from '../../lib/format.ts';

/** What is open: a capture file (its name and size), or a simulated run (its scenario; it is not a file). */
export function CaptureSummary() {
  const capture = useAppStore(selectCapture);
  const sim = useAppStore(selectSimulation);
  if (!capture) return null;
  const r = capture.report;
  const counts = `${plural(r.packets, 'packet')} · ${plural(r.connections.length, 'MPTCP connection')}`;
  if (sim) {
    return (
      <p className="summary summary--sim" aria-label="Simulated run">
        <span className="summary__file" title={sim.title}>
          Simulated: {sim.scenarioId}
        </span>
        <span className="summary__meta">{counts}</span>
      </p>
    );
  }
  return (
    <p className="summary" aria-label="Open capture">
      <span className="summary__file" title={capture.fileName}>
        {capture.fileName}
      </span>
      <span className="summary__meta">
        {formatBytes(capture.fileSize)} · {counts}
      </span>
    </p>
  );
}
