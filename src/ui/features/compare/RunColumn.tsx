import { StatusBadge } from '../../components/StatusBadge.tsx';
import type { CompareSide } from '../../store/types.ts';

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** One run's outcome: its failures, packets and host verdicts. */
export function RunColumn({ side, run }: { side: 'A' | 'B'; run: CompareSide }) {
  const s = run.summary;
  return (
    <section className="compare__run" data-side={side} aria-label={`Run ${side}: ${run.label}`}>
      <h3>
        <span className="compare__letter">{side}</span> {run.label}
      </h3>
      {s ? (
        <>
          <ul className="compare__failures" aria-label={`Failures of run ${side}`}>
            {s.failures.length === 0 ? (
              <li>
                <StatusBadge verdict={true}>No security failure</StatusBadge>
              </li>
            ) : (
              s.failures.map((f, i) => (
                <li key={`${f.id}-${i}`} data-failure={f.id}>
                  <StatusBadge verdict={false} title={f.explanation}>
                    {f.name}
                  </StatusBadge>
                </li>
              ))
            )}
          </ul>
          <dl className="compare__facts">
            <dt>Packets</dt>
            <dd data-fact="packets">{s.packets.toLocaleString('en-US')}</dd>
            <dt>Host verdicts</dt>
            <dd data-fact="verdicts">{count(s.verdicts.length, 'verdict', 'verdicts')}</dd>
          </dl>
        </>
      ) : (
        <p className="muted">No result.</p>
      )}
    </section>
  );
}
