import { memo } from 'react';
import type { MatrixRow } from '../../../engine/index.ts';
import { CheckIcon } from '../../components/icons.tsx';
import { cellDetails, cellLabel } from './cell-text.ts';
import { failureLook } from './failure-icons.ts';
import { FailureBadge } from './FailureBadge.tsx';
import type { CellState } from './matrix-index.ts';

interface Props {
  kind: CellState['kind'];
  row: MatrixRow | undefined;
  attackLabel: string;
  classLabel: string;
  onOpen(row: MatrixRow): void;
}

const EMPTY: Record<Exclude<CellState['kind'], 'row'>, { text: string; title: string }> = {
  unplanned: { text: '—', title: 'Not in the plan: an eavesdropper cannot follow an attack that sends packets, or this mitigation set is not run for this attack' },
  idle: { text: '', title: 'Not run yet' },
  pending: { text: '…', title: 'Running' },
  missing: { text: 'not run', title: 'The sweep stopped before this row' },
};

/** One (attack, class) cell: the failures of its row as badges, a button that opens the run. */
export const MatrixCell = memo(function MatrixCell({ kind, row, attackLabel, classLabel, onOpen }: Props) {
  if (kind !== 'row' || !row) {
    const e = EMPTY[kind === 'row' ? 'missing' : kind];
    return (
      <span className={`mcell mcell--${kind}`} title={e.title}>
        {e.text}
        {kind === 'pending' && <span className="visually-hidden"> running</span>}
      </span>
    );
  }
  const failed = row.failures.length > 0;
  const idle = !row.attempted;
  return (
    <button type="button" className={failed ? 'mcell mcell--bad' : idle ? 'mcell mcell--idle-run' : 'mcell mcell--ok'} aria-label={cellLabel(row, attackLabel, classLabel)} title={cellDetails(row)} onClick={() => onOpen(row)}>
      {failed ? (
        <span className="mcell__badges">
          {row.failures.map((f) => (
            <FailureBadge key={f} look={failureLook(f)} specific={row.mptcpSpecific.includes(f)} />
          ))}
        </span>
      ) : idle ? null : (
        <span className="mcell__none">
          <CheckIcon /> none
        </span>
      )}
      {idle && (
        <span className="mcell__unattempted" data-unattempted>
          <span aria-hidden="true">○</span> not attempted
        </span>
      )}
      {row.tcpOnly.length > 0 && <span className="mcell__spared">(spared {row.tcpOnly.map((f) => failureLook(f).abbr).join(' ')})</span>}
    </button>
  );
});
