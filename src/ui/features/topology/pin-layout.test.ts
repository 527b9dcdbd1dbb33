import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../../../engine/index.ts';
import { applyChange } from '../../store/scenario-changes.ts';
import { withPinnedLayout } from './pin-layout.ts';
import { layoutTopology } from './topology-layout.ts';

describe('withPinnedLayout', () => {
  it('pins the nodes drawn but not saved, leaving out the removed one', () => {
    const s = applyChange(builtinScenario('two-path-v1')!, { kind: 'move-node', id: 'r1', x: 1, y: 2 });
    const laidOut = layoutTopology(s);
    expect(withPinnedLayout(s, { kind: 'remove-node', id: 'r2' }, laidOut)).toEqual([
      { kind: 'remove-node', id: 'r2' },
      { kind: 'move-node', id: 'client', x: 0, y: 0 },
      { kind: 'move-node', id: 'server', x: 520, y: 0 },
    ]);
    const add = { kind: 'add-link', id: 'r1-r2', a: 'r1', b: 'r2' } as const;
    expect(withPinnedLayout(s, add, laidOut).map((c) => (c.kind === 'move-node' ? c.id : c.kind))).toEqual(['add-link', 'client', 'r2', 'server']);
  });
});
