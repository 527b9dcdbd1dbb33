import { useAppStore } from '../../store/store-context.tsx';
import { selectCapture } from '../../store/selectors.ts';
import { formatBytes, plural } from '../../lib/format.ts';

export function CaptureSummary() {
  const capture = useAppStore(selectCapture);
  if (!capture) return null;
  const r = capture.report;
  return (
    <p className="summary" aria-label="Open capture">
      <span className="summary__file" title={capture.fileName}>
        {capture.fileName}
      </span>
      <span className="summary__meta">
        {formatBytes(capture.fileSize)} · {plural(r.packets, 'packet')} · {plural(r.connections.length, 'MPTCP connection')}
      </span>
    </p>
  );
}
