import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { capProblems, MAX_PROBLEMS } from '../../../engine/index.ts';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { ScenarioProblemsDialog } from './ScenarioProblemsDialog.tsx';

describe('ScenarioProblemsDialog', () => {
  it('lists the first hundred problems, then how many more, and counts them all in the heading', () => {
    const store = makeStore();
    renderWithStore(<ScenarioProblemsDialog />, store);
    const all = Array.from({ length: 5_000 }, (_, i) => ({ path: `$.links[${i}]`, code: 'SCENARIO_TYPE' as const, message: 'must be an object, got 5' }));
    act(() => store.setState({ scenarioProblems: { fileName: 'big.json', problems: capProblems(all) } }));
    expect(screen.getByRole('heading', { hidden: true }).textContent).toBe('big.json is not a scenario this lab can run (5,000 problems)');
    const items = within(screen.getByRole('list', { name: 'Problems', hidden: true })).getAllByRole('listitem', { hidden: true });
    expect(items).toHaveLength(MAX_PROBLEMS + 1);
    expect(items[0]!.textContent).toBe('$.links[0] must be an object, got 5');
    expect(items.at(-1)!.textContent).toBe('… and 4,900 more problems');
  });
});
