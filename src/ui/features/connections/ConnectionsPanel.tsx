import { useAppStore } from '../../store/store-context.tsx';
import { selectReport } from '../../store/selectors.ts';
import { formatCount, plural } from '../../lib/format.ts';
import { ConnectionCard } from './ConnectionCard.tsx';
import { ProblemList } from './ProblemList.tsx';
import './connections.css';

export function ConnectionsPanel() {
  const report = useAppStore(selectReport);
  if (!report) return null;
  return (
    <section className="connections" aria-labelledby="connections-heading">
      <div className="pane-header">
        <h2 id="connections-heading">MPTCP connections ({report.connections.length})</h2>
      </div>
      <div className="connections__body">
        <p className="connections__summary">
          {plural(report.packets, 'packet')}
          {report.format ? ` (${report.format})` : ''}: {formatCount(report.tcpPackets)} TCP, {formatCount(report.mptcpPackets)} with MPTCP options
          {report.cutPackets > 0 ? `, ${formatCount(report.cutPackets)} cut short by the snap length` : ''}
          {report.hopRepeats > 0 ? `; ${formatCount(report.hopRepeats)} are later hops of packets seen on another link, counted once` : ''}.
        </p>
        {report.problems.length > 0 && <ProblemList title="Capture problems" problems={report.problems} notListed={report.problemsNotSent} />}
        {report.connections.length === 0 ? (
          <p className="connections__none">
            No MPTCP connection in this capture: no SYN carried an MP_CAPABLE option. Plain TCP packets are still listed on the right.
          </p>
        ) : (
          report.connections.map((c, i) => <ConnectionCard key={i} index={i} connection={c} />)
        )}
      </div>
    </section>
  );
}
