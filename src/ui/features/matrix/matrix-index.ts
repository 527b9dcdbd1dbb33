/**
 * Finds the row of each grid cell: an index of the rows that have arrived
 * by (attack, class column, protocol, mitigation set), built once per rows
 * array, and what a cell without a row means.
 */
import { matrixAttackKey, type MatrixProtocol, type MatrixRow } from '../../../engine/index.ts';
import { MATRIX_COLUMNS, columnOf } from './classes.ts';
import { mitigationSetOf, setPlannedFor, type MitigationSetId } from './mitigation-sets.ts';

export type MatrixIndex = ReadonlyMap<string, MatrixRow>;

const keyOf = (attack: string, column: number, protocol: MatrixProtocol, set: MitigationSetId) => `${attack}|${column}|${protocol}|${set}`;

export function indexRows(rows: readonly (MatrixRow | undefined)[]): MatrixIndex {
  const index = new Map<string, MatrixRow>();
  for (const row of rows) {
    if (!row) continue;
    const column = columnOf(row);
    // A variant's rows are a grid row of their own (attack:variant).
    if (column >= 0) index.set(keyOf(matrixAttackKey(row), column, row.protocol, mitigationSetOf(row.protocol, row.mitigations)), row);
  }
  return index;
}

export function findRow(index: MatrixIndex, attack: string, column: number, protocol: MatrixProtocol, set: MitigationSetId): MatrixRow | undefined {
  return index.get(keyOf(attack, column, protocol, set));
}

/**
 * A cell: its row, or why it has none. 'unplanned': an eavesdropper cannot
 * follow an attack that must send, or the plan runs no such mitigation set
 * for this grid row (a variant's own mitigations run alone only there); 'idle': nothing run yet; 'pending': the
 * sweep is still running; 'missing': the sweep stopped without it.
 */
export type CellState = { kind: 'row'; row: MatrixRow } | { kind: 'unplanned' | 'idle' | 'pending' | 'missing' };

export interface CellQuery {
  index: MatrixIndex;
  attack: { id: string; needsActive?: boolean };
  column: number;
  protocol: MatrixProtocol;
  set: MitigationSetId;
  /** null before any sweep. */
  running: boolean | null;
}

export function cellState(q: CellQuery): CellState {
  const row = findRow(q.index, q.attack.id, q.column, q.protocol, q.set);
  if (row) return { kind: 'row', row };
  if (q.attack.needsActive && MATRIX_COLUMNS[q.column]?.capability === 'eavesdropper') return { kind: 'unplanned' };
  if (!setPlannedFor(q.attack.id, q.protocol, q.set)) return { kind: 'unplanned' };
  if (q.running === null) return { kind: 'idle' };
  return { kind: q.running ? 'pending' : 'missing' };
}
