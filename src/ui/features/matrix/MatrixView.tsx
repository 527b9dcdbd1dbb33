/** The attack matrix: every attack against every attacker class, per protocol version and mitigation set. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { MATRIX_VARIANTS, matrixAttackKey, type MatrixProtocol, type MatrixRow } from '../../../engine/index.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectAttacks, selectLoadAttacks, selectMatrix, selectOpenMatrixRow } from '../../store/selectors.ts';
import { MatrixFilters } from './MatrixFilters.tsx';
import { MatrixGrid, type GridAttack } from './MatrixGrid.tsx';
import { MatrixLegend } from './MatrixLegend.tsx';
import { MatrixToolbar } from './MatrixToolbar.tsx';
import { effectiveSet, type MitigationSetId } from './mitigation-sets.ts';
import './matrix.css';

const NO_ROWS: readonly (MatrixRow | undefined)[] = [];

/** The registry's attacks, each followed by its matrix variants, plus any a row names that the registry has not listed (yet). */
function gridAttacks(attacks: readonly GridAttack[], rows: readonly (MatrixRow | undefined)[]): GridAttack[] {
  const out = attacks.flatMap((a) => [
    a,
    ...MATRIX_VARIANTS.filter((v) => v.attack === a.id).map((v) => ({ ...a, id: `${a.id}:${v.id}`, label: v.label })),
  ]);
  const known = new Set(out.map((a) => a.id));
  for (const r of rows) {
    const id = r && matrixAttackKey(r);
    if (id && !known.has(id)) {
      known.add(id);
      out.push({ id, label: id, rfc: '', description: '' });
    }
  }
  return out;
}

export function MatrixView() {
  const matrix = useAppStore(selectMatrix);
  const attacks = useAppStore(selectAttacks);
  const loadAttacks = useAppStore(selectLoadAttacks);
  const openMatrixRow = useAppStore(selectOpenMatrixRow);
  const [protocol, setProtocol] = useState<MatrixProtocol>('v1');
  const [chosenSet, setChosenSet] = useState<MitigationSetId>('defaults');

  useEffect(() => {
    void loadAttacks();
  }, [loadAttacks]);

  const rows = matrix?.rows ?? NO_ROWS;
  const shown = useMemo(() => gridAttacks(attacks, rows), [attacks, rows]);
  const set = effectiveSet(protocol, chosenSet);
  const open = useCallback((row: MatrixRow) => void openMatrixRow(row), [openMatrixRow]);

  return (
    <section data-testid="matrix" aria-label="Attack matrix" className="matrix">
      <MatrixToolbar matrix={matrix} />
      <MatrixFilters protocol={protocol} set={set} onProtocol={setProtocol} onSet={setChosenSet} />
      {/* Focusable so the keyboard can scroll the grid before it has cells to tab to. */}
      <div className="matrix__scroll" tabIndex={0} role="region" aria-label="Attack matrix grid">
        <MatrixGrid rows={rows} attacks={shown} protocol={protocol} set={set} running={matrix ? matrix.running : null} onOpen={open} />
        <MatrixLegend />
      </div>
    </section>
  );
}
