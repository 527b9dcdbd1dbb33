import { memo, useMemo } from 'react';
import type { MatrixProtocol, MatrixRow } from '../../../engine/index.ts';
import { MATRIX_COLUMNS, columnLabel } from './classes.ts';
import { cellState, indexRows } from './matrix-index.ts';
import { MatrixCell } from './MatrixCell.tsx';
import { mitigationsInEffect, type MitigationSetId } from './mitigation-sets.ts';

export interface GridAttack {
  id: string;
  label: string;
  rfc: string;
  description: string;
  needsActive?: boolean;
}

interface Props {
  rows: readonly (MatrixRow | undefined)[];
  attacks: readonly GridAttack[];
  protocol: MatrixProtocol;
  set: MitigationSetId;
  /** null before any sweep. */
  running: boolean | null;
  onOpen(row: MatrixRow): void;
}

const COLUMN_LABELS = MATRIX_COLUMNS.map(columnLabel);

/** Attacks down, attacker classes across; each cell the row of the chosen protocol and mitigation set. */
export const MatrixGrid = memo(function MatrixGrid({ rows, attacks, protocol, set, running, onOpen }: Props) {
  const index = useMemo(() => indexRows(rows), [rows]);
  return (
    <table className="mgrid">
      <caption className="visually-hidden">
        Failures per attack and attacker class, {protocol}, mitigations in effect: {mitigationsInEffect(protocol, set)}
      </caption>
      <thead>
        <tr>
          <th scope="col" className="mgrid__corner">
            Attack
          </th>
          {MATRIX_COLUMNS.map((c, i) => (
            <th key={i} scope="col" className="mgrid__class">
              {c.location === 'partial-time-on-path' ? 'partial-time' : c.location} <span className="mgrid__cap">{c.capability}</span>
              {c.window && <span className="mgrid__window"> ({c.window})</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {attacks.map((a) => (
          <tr key={a.id}>
            <th scope="row" className="mgrid__attack" title={a.description}>
              <span className="mgrid__label">{a.label}</span> <span className="mgrid__rfc">{a.rfc}</span>
            </th>
            {MATRIX_COLUMNS.map((_, i) => {
              const s = cellState({ index, attack: a, column: i, protocol, set, running });
              return (
                <td key={i} data-class={COLUMN_LABELS[i]}>
                  <MatrixCell kind={s.kind} row={s.kind === 'row' ? s.row : undefined} attackLabel={a.label} classLabel={COLUMN_LABELS[i]!} onOpen={onOpen} />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
});
