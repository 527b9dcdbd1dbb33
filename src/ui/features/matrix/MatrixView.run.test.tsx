import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeStore, renderWithStore, until } from '../../testing/harness.tsx';
import { MatrixView } from './MatrixView.tsx';

const progress = () => screen.getByRole('progressbar', { name: 'Attack matrix progress' });
const progressText = () => screen.getByTestId('matrix-progress-text').textContent;

describe('MatrixView on a real sweep (in-thread engine)', () => {
  it('runs every v1 row and fills the grid', async () => {
    const store = makeStore();
    renderWithStore(<MatrixView />, store);
    await until(store, (s) => s.attacks.length === 10);
    act(() => store.getState().runMatrix(1, ['v1']));
    await until(store, (s) => s.matrix !== null && !s.matrix.running, 120_000);

    const m = store.getState().matrix!;
    expect(m.error).toBeNull();
    // 10 attacks: 9 need an active attacker (5 classes), passive eavesdropping has all 9; 9 mitigation sets in v1;
    // and blind-reset:remove-addr, 5 classes with the defaults and with remove-addr-probe.
    expect([m.total, m.done]).toEqual([496, 496]);
    expect(progress().getAttribute('aria-valuenow')).toBe('496');
    expect(progress().getAttribute('aria-valuemax')).toBe('496');
    expect(progressText()).toMatch(/^496 rows in \d+\.\d s with 1 worker$/);

    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('rowheader')).toHaveLength(11);
    expect(within(table).queryAllByText('…')).toHaveLength(0);
    expect(within(table).getAllByText('—')).toHaveLength(40);
    // Every planned cell of v1 with its defaults is a run: 10 × 5 + 9.
    expect(within(table).getAllByRole('button')).toHaveLength(59);

    const watch = within(table).getByRole('button', { name: 'Passive eavesdropping, on-path eavesdropper, v1: Data eavesdropped, Keys compromised — open this run' });
    expect([...watch.querySelectorAll('[data-failure]')].map((b) => [b.getAttribute('data-failure'), b.hasAttribute('data-specific')])).toEqual([
      ['eavesdrop-data', false],
      ['key-compromise', true],
    ]);
    expect(within(table).getByRole('button', { name: 'ADD_ADDR hijack, off-path active, v1: no failure — open this run' }).textContent).toBe(' none');

    // Only v1 ran: v0's planned cells say so.
    fireEvent.change(screen.getByLabelText('Protocol'), { target: { value: 'v0' } });
    expect(within(table).getAllByText('not run')).toHaveLength(59);
  }, 120_000);

  it('shows progress as rows arrive, and stops on cancel', async () => {
    const store = makeStore();
    renderWithStore(<MatrixView />, store);
    act(() => store.getState().runMatrix(1, ['v1']));
    await until(store, (s) => (s.matrix?.done ?? 0) >= 3, 30_000);
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Cancel' })));
    const stoppedAt = store.getState().matrix!.done;
    expect(stoppedAt).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 300));

    const m = store.getState().matrix!;
    expect([m.running, m.done, m.total, m.elapsedMs, m.error]).toEqual([false, stoppedAt, 496, null, null]);
    expect(progress().getAttribute('aria-valuenow')).toBe(String(stoppedAt));
    expect(progressText()).toBe(`Cancelled at ${stoppedAt} of 496 rows`);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Run again' })).toBeTruthy();
  }, 60_000);
});
