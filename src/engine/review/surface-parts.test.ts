import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../scenario/builtin/index.ts';
import { dealSurfaceCells, assembleSurfaceFrom, surfaceHead } from './surface-parts.ts';
import { planSurface } from './surface-plan.ts';
import type { SurfaceRow } from './surface-run.ts';
import { assembleSurface } from './surface.ts';

describe('assembleSurfaceFrom', () => {
  it('gives the bytes assembleSurface gives, from the head alone', () => {
    const s = builtinScenario('nat-client')!;
    const plan = planSurface(s, { attacks: ['blind-reset'] });
    const rows: SurfaceRow[] = plan.cells.map((c, i) => ({ ...c, failures: i % 3 ? [] : ['connection-dos'], mptcpSpecific: [], tcpOnly: [], attempted: i % 2 === 0, guessesUsed: 0, amplification: {}, attackerKnew: [], cutShort: false }));
    const head = JSON.parse(JSON.stringify(surfaceHead(s))) as ReturnType<typeof surfaceHead>;
    expect(JSON.stringify(assembleSurfaceFrom(head, plan.places, rows, plan.skipped))).toBe(JSON.stringify(assembleSurface(s, plan.places, rows, plan.skipped)));
  });
});

describe('dealSurfaceCells', () => {
  it('keeps an attack’s rows in one worker and gives every row out once', () => {
    const cells = ['a', 'a', 'a', 'b', 'c', 'c'].map((attack, index) => ({ index, cell: { attack: attack as SurfaceRow['attack'] } }));
    const shares = dealSurfaceCells(cells, 2);
    expect(shares.map((sh) => sh.map((x) => x.index))).toEqual([[0, 1, 2], [4, 5, 3]]);
    expect(dealSurfaceCells(cells, 8)).toHaveLength(3);
  });
});
