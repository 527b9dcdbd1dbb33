import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeStore, renderWithStore, until } from '../../testing/harness.tsx';
import { TopologyView } from '../topology/TopologyView.tsx';

/** The ADD_ADDR hijack run on screen, edits applied to the draft without re-running, and Mallory's editor open. */
async function malloryEditor() {
  const store = makeStore();
  renderWithStore(<TopologyView />, store);
  await act(() => store.getState().simulate('attack-add-addr-hijack-v0'));
  await act(() => until(store, (s) => s.draft !== null && s.attacks.length > 0, 30_000));
  act(() => store.setState({ runDraft: async () => {} }));
  const svg = screen.getByTestId('topology').querySelector('svg')!;
  fireEvent.click(svg.querySelector('[data-attacker="mallory"] path')!);
  const card = () => screen.getByRole('complementary', { name: /^Attacker / });
  const mallory = () => store.getState().draft!.attackers.find((a) => a.id === 'mallory')!;
  return { store, svg, card, mallory };
}

const input = (card: HTMLElement, label: string) => within(card).getByLabelText(label) as HTMLInputElement;

describe('AttackerEditor', () => {
  it('shows the selected attacker: name, capability, attack, location and window', async () => {
    const { svg, card } = await malloryEditor();
    expect(card().getAttribute('aria-label')).toBe('Attacker Mallory');
    expect(svg.querySelector('[data-attacker="mallory"]')!.classList.contains('topology__attacker--selected')).toBe(true);
    expect(input(card(), 'Label').value).toBe('Mallory');
    expect((within(card()).getByLabelText('Capability') as HTMLSelectElement).value).toBe('active');
    expect((within(card()).getByRole('option', { name: 'Eavesdropper' }) as HTMLOptionElement).disabled).toBe(true);
    expect(card().textContent).toContain('ADD_ADDR hijack sends packets, which an eavesdropper never does: it needs an active attacker.');
    expect((within(card()).getByLabelText('Attack') as HTMLSelectElement).value).toBe('add-addr-hijack');
    expect(card().textContent).toContain('RFC 7430 §2: ');
    expect(card().querySelector('.attacker-editor__location')!.textContent).toBe('partial-time on-path 35.0–250.0 ms');
    expect(input(card(), 'Only part of the time').checked).toBe(true);
    expect(input(card(), 'From (ms)').value).toBe('35');
    expect(input(card(), 'To (ms)').value).toBe('250');
  });

  it('commits the window on blur or Enter, one edit each, and refuses a window that ends before it starts', async () => {
    const { store, card, mallory } = await malloryEditor();
    fireEvent.change(input(card(), 'From (ms)'), { target: { value: '40' } });
    fireEvent.blur(input(card(), 'From (ms)'));
    expect(mallory().window).toEqual({ fromUs: 40_000, toUs: 250_000 });
    expect(store.getState().past.at(-1)!.changes).toEqual([{ kind: 'set-window', id: 'mallory', window: { fromUs: 40_000, toUs: 250_000 } }]);
    expect(card().querySelector('.attacker-editor__location')!.textContent).toBe('partial-time on-path 40.0–250.0 ms');

    fireEvent.change(input(card(), 'To (ms)'), { target: { value: '10' } });
    fireEvent.keyDown(input(card(), 'To (ms)'), { key: 'Enter' });
    expect(within(card()).getByRole('alert').textContent).toBe('The window must end after it starts.');
    expect(mallory().window).toEqual({ fromUs: 40_000, toUs: 250_000 });
    expect(store.getState().past).toHaveLength(1);

    fireEvent.click(input(card(), 'Only part of the time'));
    expect(mallory().location).toBe('on-path');
    expect(mallory().window).toBeUndefined();
    expect(card().querySelector('.attacker-editor__location')!.textContent).toBe('on-path');
    expect(within(card()).queryByLabelText('From (ms)')).toBeNull();
    fireEvent.click(input(card(), 'Only part of the time'));
    expect(mallory().window).toEqual({ fromUs: 0, toUs: 5_000_000 });
    expect(store.getState().past).toHaveLength(3);
  });

  it('renames, changes the attack and then the capability', async () => {
    const { store, card, mallory, svg } = await malloryEditor();
    fireEvent.change(input(card(), 'Label'), { target: { value: 'Mal' } });
    fireEvent.keyDown(input(card(), 'Label'), { key: 'Enter' });
    expect(mallory().label).toBe('Mal');
    expect(card().getAttribute('aria-label')).toBe('Attacker Mal');
    expect(svg.querySelector('[data-attacker="mallory"] text')!.textContent).toBe('Mal');

    fireEvent.change(within(card()).getByLabelText('Attack'), { target: { value: 'passive-eavesdrop' } });
    expect(mallory().attack).toBe('passive-eavesdrop');
    expect(mallory().params).toEqual({});
    expect((within(card()).getByRole('option', { name: 'Eavesdropper' }) as HTMLOptionElement).disabled).toBe(false);
    fireEvent.change(within(card()).getByLabelText('Capability'), { target: { value: 'eavesdropper' } });
    expect(mallory().capability).toBe('eavesdropper');
    expect(store.getState().past.map((b) => b.changes[0]!.kind)).toEqual(['update-attacker', 'update-attacker', 'update-attacker']);
  });

  it('removes the attacker, and closes', async () => {
    const { store, card, svg } = await malloryEditor();
    fireEvent.click(within(card()).getByRole('button', { name: 'Remove' }));
    expect(store.getState().draft!.attackers).toEqual([]);
    expect(store.getState().past.at(-1)!.changes).toEqual([{ kind: 'remove-attacker', id: 'mallory' }]);
    expect(screen.queryByRole('complementary', { name: /^Attacker / })).toBeNull();
    expect(svg.querySelector('[data-attacker]')).toBeNull();
  });
});
