import { useMemo } from 'react';
import type { CompareState } from '../../store/types.ts';
import { diffFailures } from './compare-diff.ts';
import { DiffTable } from './DiffTable.tsx';
import { RunColumn } from './RunColumn.tsx';

/** The two runs side by side, then what differs. */
export function CompareResults({ compare }: { compare: CompareState }) {
  const { a, b } = compare;
  const rows = useMemo(() => (a.summary && b.summary ? diffFailures(a.summary.failures, b.summary.failures) : null), [a.summary, b.summary]);
  if (compare.running || !rows) return null;
  return (
    <div className="compare__results">
      <div className="compare__columns">
        <RunColumn side="A" run={a} />
        <RunColumn side="B" run={b} />
      </div>
      <DiffTable rows={rows} />
    </div>
  );
}
