import { StatusBadge } from '../../components/StatusBadge.tsx';
import { VERDICT_TEXT, summarizeDiff, type FailureDiffRow } from './compare-diff.ts';

const Presence = ({ present }: { present: boolean }) => <StatusBadge verdict={!present}>{present ? 'fails' : 'spared'}</StatusBadge>;

/** Every failure of either run, and what B changes about it. */
export function DiffTable({ rows }: { rows: FailureDiffRow[] }) {
  return (
    <section className="compare__diff" aria-label="Difference in failures">
      <h3>Difference</h3>
      <p className="compare__summary" data-testid="compare-summary">
        {summarizeDiff(rows)}
      </p>
      {rows.length > 0 && (
        <table className="compare__table">
          <thead>
            <tr>
              <th scope="col">Failure</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-failure={r.id} data-verdict={r.verdict}>
                <th scope="row">{r.name}</th>
                <td>
                  <Presence present={r.inA} />
                </td>
                <td>
                  <Presence present={r.inB} />
                </td>
                <td>{VERDICT_TEXT[r.verdict]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
