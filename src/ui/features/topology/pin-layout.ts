/**
 * Adding, connecting or removing nodes changes the automatic layout (columns
 * are hop counts, rows are shared), so every node without a saved position
 * would jump. A structural edit therefore carries, in the same batch, a
 * `move-node` for each such node to where it is drawn now.
 */
import type { Scenario } from '../../../engine/index.ts';
import type { ScenarioChange } from '../../store/scenario-changes.ts';
import type { Point } from './scenario-graph.ts';
import { savedPositions } from './topology-layout.ts';

/** The change, then a `move-node` for every node drawn at `laidOut` but not saved (except a node the change removes). */
export function withPinnedLayout(s: Scenario, change: ScenarioChange, laidOut: ReadonlyMap<string, Point>): ScenarioChange[] {
  const saved = savedPositions(s.ui);
  const removed = change.kind === 'remove-node' ? change.id : null;
  const pins: ScenarioChange[] = [];
  for (const [id, p] of laidOut) if (!saved.has(id) && id !== removed) pins.push({ kind: 'move-node', id, x: p.x, y: p.y });
  return [change, ...pins];
}
