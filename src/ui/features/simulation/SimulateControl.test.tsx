import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { builtinScenario } from '../../../engine/index.ts';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { SimulateControl } from './SimulateControl.tsx';

async function control() {
  const store = makeStore();
  await store.getState().loadScenarios();
  renderWithStore(<SimulateControl />, store);
  return { store, group: screen.getByRole('group', { name: 'Simulate' }) };
}

describe('SimulateControl', () => {
  it('runs a scenario as soon as it is picked', async () => {
    const { store, group } = await control();
    const simulate = vi.fn(async () => {});
    act(() => store.setState({ simulate }));
    fireEvent.change(within(group).getByLabelText('Scenario'), { target: { value: 'attack-add-addr-hijack-v0' } });
    expect(simulate).toHaveBeenCalledExactlyOnceWith('attack-add-addr-hijack-v0', {});
  });

  it('names an opened scenario (no built-in) in the picker instead of the first built-in, and Simulate runs it', async () => {
    const { store, group } = await control();
    const mine = { ...builtinScenario('two-path-v1')!, id: 'my-review', title: 'My design review' };
    const runDraft = vi.fn(async () => {});
    act(() => store.setState({ draft: mine, draftBase: null, runDraft }));
    const picker = within(group).getByLabelText('Scenario') as HTMLSelectElement;
    expect(picker.value).toBe('');
    expect(picker.selectedOptions[0]!.textContent).toBe('My design review (opened)');
    fireEvent.click(within(group).getByRole('button', { name: 'Simulate' }));
    expect(runDraft).toHaveBeenCalledOnce();
  });
});
