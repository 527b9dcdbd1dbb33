import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeStore, renderWithStore, until } from '../../testing/harness.tsx';
import { TopologyView } from '../topology/TopologyView.tsx';
import { OFF_PATH_EAVESDROPPER } from './attacker-rules.ts';
import { ATTACK_DRAG_TYPE } from './drag-type.ts';

/** The ADD_ADDR hijack run on screen, its draft ready and the palette listed. */
async function hijackRun() {
  const store = makeStore();
  renderWithStore(<TopologyView />, store);
  await act(() => store.getState().simulate('attack-add-addr-hijack-v0'));
  await act(() => until(store, (s) => s.draft !== null && s.attacks.length > 0, 30_000));
  const section = screen.getByTestId('topology');
  const item = (id: string) => section.querySelector<HTMLButtonElement>(`[data-attack="${id}"]`)!;
  return { store, section, svg: section.querySelector('svg')!, item };
}

const dragOf = (attack: string) => ({ types: [ATTACK_DRAG_TYPE], getData: (t: string) => (t === ATTACK_DRAG_TYPE ? attack : ''), dropEffect: 'none' });

describe('AttackerPalette', () => {
  it('lists the engine’s attacks with their RFC section and description', async () => {
    const { store, item } = await hijackRun();
    const attacks = store.getState().attacks;
    expect(screen.getByRole('list', { name: 'Attacks' }).querySelectorAll('li')).toHaveLength(attacks.length);
    const hijack = item('add-addr-hijack');
    expect(hijack.querySelector('.attacker-palette__label')!.textContent).toBe('ADD_ADDR hijack');
    expect(hijack.querySelector('.attacker-palette__rfc')!.textContent).toBe('RFC 7430 §2');
    expect(hijack.title).toBe(attacks.find((a) => a.id === 'add-addr-hijack')!.description);
    expect(hijack.draggable).toBe(true);
    expect(screen.getByRole('button', { name: 'Active' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('places an armed attack on the link clicked next, and the engine runs it', async () => {
    const { store, svg, item } = await hijackRun();
    fireEvent.click(item('add-addr-hijack'));
    expect(item('add-addr-hijack').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(svg.querySelector('[data-link="r1-server"] .topology__link-hit')!);

    expect(store.getState().draft!.attackers.map((a) => a.id)).toEqual(['mallory', 'attacker-1']);
    expect(store.getState().draft!.attackers[1]).toEqual({
      id: 'attacker-1',
      label: 'Eve',
      location: 'on-path',
      capability: 'active',
      at: ['r1-server'],
      attack: 'add-addr-hijack',
      params: {},
      guessBudget: 1,
      address: '198.18.66.7',
    });
    expect(store.getState().past.map((b) => b.changes.map((c) => c.kind))).toEqual([['place-attacker']]);
    expect(item('add-addr-hijack').getAttribute('aria-pressed')).toBe('false');
    // Drawn at once from the draft, and selected for editing.
    expect(svg.querySelector('[data-attacker="attacker-1"] text')!.textContent).toBe('Eve');
    expect(screen.getByRole('complementary', { name: 'Attacker Eve' })).toBeTruthy();

    await act(() => until(store, (s) => s.loading === null, 30_000));
    expect(store.getState().error).toBeNull();
    expect(store.getState().simulation!.attackers.map((a) => [a.id, a.location, a.at])).toEqual([
      ['mallory', 'partial-time-on-path', ['client-r1']],
      ['attacker-1', 'on-path', ['r1-server']],
    ]);
  });

  it('takes a dragged attack on a router, highlighting it while over', async () => {
    const { store, svg } = await hijackRun();
    const edit = vi.fn();
    act(() => store.setState({ edit }));
    const router = svg.querySelector('[data-router="r2"]')!;
    fireEvent.dragOver(router.querySelector('circle')!, { dataTransfer: dragOf('data-injection') });
    expect(router.classList.contains('topology__node--drop')).toBe(true);
    fireEvent.drop(router.querySelector('circle')!, { dataTransfer: dragOf('data-injection') });
    expect(router.classList.contains('topology__node--drop')).toBe(false);
    expect(edit.mock.calls).toEqual([
      [{ kind: 'place-attacker', attacker: { id: 'attacker-1', label: 'Eve', location: 'on-path', capability: 'active', at: ['r2'], attack: 'data-injection', params: {}, guessBudget: 1 } }],
    ]);
  });

  it('makes a drop on empty space an off-path attacker entering at the first router', async () => {
    const { store, svg } = await hijackRun();
    const edit = vi.fn();
    act(() => store.setState({ edit }));
    fireEvent.drop(svg, { dataTransfer: dragOf('add-addr-hijack') });
    expect(edit.mock.calls).toEqual([
      [{ kind: 'place-attacker', attacker: { id: 'attacker-1', label: 'Eve', location: 'off-path', capability: 'active', at: ['r1'], attack: 'add-addr-hijack', params: {}, guessBudget: 1, address: '198.18.66.7' } }],
    ]);
  });

  it('refuses an off-path eavesdropper, and disables attacks an eavesdropper cannot follow', async () => {
    const { store, svg, item } = await hijackRun();
    fireEvent.click(screen.getByRole('button', { name: 'Eavesdropper' }));
    const hijack = item('add-addr-hijack');
    expect(hijack.disabled).toBe(true);
    expect(hijack.textContent).toContain('Needs an active attacker');
    expect(hijack.title).toBe('ADD_ADDR hijack sends packets, which an eavesdropper never does: it needs an active attacker.');
    expect(item('passive-eavesdrop').disabled).toBe(false);

    fireEvent.click(item('passive-eavesdrop'));
    fireEvent.click(svg);
    expect(screen.getByRole('status').textContent).toBe(OFF_PATH_EAVESDROPPER);
    expect(store.getState().draft!.attackers.map((a) => a.id)).toEqual(['mallory']);
    // Still armed after a refusal; Escape disarms.
    expect(item('passive-eavesdrop').getAttribute('aria-pressed')).toBe('true');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(item('passive-eavesdrop').getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByRole('status').textContent).toBe('');

    // The same refusal by drag and drop.
    fireEvent.drop(svg, { dataTransfer: dragOf('passive-eavesdrop') });
    expect(screen.getByRole('status').textContent).toBe(OFF_PATH_EAVESDROPPER);
    expect(store.getState().past).toHaveLength(0);
  });

  it('refuses a host as a place', async () => {
    const { store, svg, item } = await hijackRun();
    fireEvent.click(item('blind-reset'));
    fireEvent.click(svg.querySelector('[data-node="client"] rect')!);
    expect(screen.getByRole('status').textContent).toBe('An attacker sits on a link or at a router, not inside a host, a NAT or a middlebox.');
    expect(store.getState().past).toHaveLength(0);
  });
});
