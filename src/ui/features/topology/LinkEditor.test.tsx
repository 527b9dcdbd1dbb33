import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../../../engine/index.ts';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { TopologyView } from './TopologyView.tsx';

/** Two paths on screen as a draft (edits apply to it without re-running). */
function twoPathDraft() {
  const scenario = builtinScenario('two-path-v1')!;
  const store = makeStore();
  store.setState({ run: { scenario, timeline: null }, draft: scenario, runDraft: async () => {} });
  renderWithStore(<TopologyView />, store);
  const svg = screen.getByTestId('topology').querySelector('svg')!;
  const link = () => store.getState().draft!.links.find((l) => l.id === 'client-r2')!;
  const card = () => screen.getByRole('complementary', { name: 'Link client-r2' });
  const field = (label: string) => within(card()).getByLabelText(label) as HTMLInputElement;
  const label = () => svg.querySelector('[data-link="client-r2"] .topology__link-label')!.textContent;
  return { store, svg, link, card, field, label };
}

describe('LinkEditor', () => {
  it('opens on a click on a link, with its ends and parameters', () => {
    const { svg, card, field } = twoPathDraft();
    expect(screen.queryByRole('complementary', { name: /^Link / })).toBeNull();
    fireEvent.click(svg.querySelector('[data-link="client-r2"] .topology__link-hit')!);
    expect(card().querySelector('h3')!.textContent).toBe('Link client-r2');
    expect(card().textContent).toContain('client.eth1 ⇄ r2.eth0');
    expect([field('Delay (ms)').value, field('Bandwidth (Mbit/s)').value, field('Loss (%)').value]).toEqual(['5', '50', '0']);
    expect(svg.querySelector('[data-link="client-r2"]')!.classList.contains('topology__link--selected')).toBe(true);
  });

  it('opens from the keyboard: Enter on a focused link', () => {
    const { svg, card } = twoPathDraft();
    const link = svg.querySelector<SVGGElement>('[data-link="client-r2"]')!;
    expect(link.getAttribute('tabindex')).toBe('0');
    fireEvent.keyDown(link, { key: 'Enter' });
    expect(card().getAttribute('aria-label')).toBe('Link client-r2');
  });

  it('sets delay, bandwidth and loss in engine units, one edit per commit', () => {
    const { store, svg, link, field, label } = twoPathDraft();
    fireEvent.click(svg.querySelector('[data-link="client-r2"] .topology__link-hit')!);

    fireEvent.change(field('Delay (ms)'), { target: { value: '12.5' } });
    fireEvent.blur(field('Delay (ms)'));
    expect(link().delayUs).toBe(12_500);
    expect(store.getState().past.map((b) => b.changes)).toEqual([[{ kind: 'set-link', id: 'client-r2', patch: { delayUs: 12_500 } }]]);
    expect(label()).toBe('12.5 ms · 50 Mbit/s');

    fireEvent.change(field('Bandwidth (Mbit/s)'), { target: { value: '20' } });
    fireEvent.keyDown(field('Bandwidth (Mbit/s)'), { key: 'Enter' });
    expect(link().bandwidthBps).toBe(20_000_000);
    fireEvent.change(field('Loss (%)'), { target: { value: '2' } });
    fireEvent.blur(field('Loss (%)'));
    expect(link().lossRate).toBe(0.02);
    expect(label()).toBe('12.5 ms · 20 Mbit/s · 2% loss');
    // A blur without a change is no edit.
    fireEvent.blur(field('Delay (ms)'));
    expect(store.getState().past).toHaveLength(3);
    // The other links keep theirs.
    expect(store.getState().draft!.links.find((l) => l.id === 'client-r1')!.delayUs).toBe(5_000);
  });

  it('refuses a loss above 50%, and Escape puts the value back', () => {
    const { store, svg, link, card, field } = twoPathDraft();
    fireEvent.click(svg.querySelector('[data-link="client-r2"] .topology__link-hit')!);
    fireEvent.change(field('Loss (%)'), { target: { value: '60' } });
    fireEvent.blur(field('Loss (%)'));
    expect(within(card()).getByRole('alert').textContent).toBe('Loss must be a number from 0 to 50.');
    expect(field('Loss (%)').getAttribute('aria-invalid')).toBe('true');
    expect(link().lossRate).toBe(0);
    fireEvent.keyDown(field('Loss (%)'), { key: 'Escape' });
    expect(field('Loss (%)').value).toBe('0');
    expect(within(card()).queryByRole('alert')).toBeNull();
    expect(store.getState().past).toHaveLength(0);
  });

  it('shows the value after an undo, and closes with Escape or the close button', () => {
    const { store, svg, field } = twoPathDraft();
    fireEvent.click(svg.querySelector('[data-link="client-r2"] .topology__link-hit')!);
    fireEvent.change(field('Delay (ms)'), { target: { value: '30' } });
    fireEvent.blur(field('Delay (ms)'));
    act(() => store.getState().undo());
    expect(field('Delay (ms)').value).toBe('5');

    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByRole('complementary', { name: 'Link client-r2' })).toBeNull();
    fireEvent.click(svg.querySelector('[data-link="client-r2"] .topology__link-hit')!);
    fireEvent.click(screen.getByRole('button', { name: 'Close link editor' }));
    expect(screen.queryByRole('complementary', { name: 'Link client-r2' })).toBeNull();
    // Clicking empty space deselects too.
    fireEvent.click(svg.querySelector('[data-link="client-r2"] .topology__link-hit')!);
    fireEvent.click(svg);
    expect(screen.queryByRole('complementary', { name: 'Link client-r2' })).toBeNull();
  });
});
