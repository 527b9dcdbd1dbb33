import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../../../engine/index.ts';
import { makeStore, renderWithStore, until } from '../../testing/harness.tsx';
import { CompareView } from './CompareView.tsx';

describe('CompareView', () => {
  it('asks for a run first', () => {
    renderWithStore(<CompareView />, makeStore());
    expect(screen.getByTestId('compare').textContent).toContain('Run a scenario first');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Compare' }).disabled).toBe(true);
  });

  it('defaults both sides to the draft and sets them without and with a mitigation', () => {
    const store = makeStore();
    store.setState({ draft: builtinScenario('attack-join-dos')! });
    renderWithStore(<CompareView />, store);
    const checked = (side: 'A' | 'B') =>
      within(screen.getByRole('group', { name: `Mitigations of run ${side}` }))
        .getAllByRole<HTMLInputElement>('checkbox')
        .filter((c) => c.checked)
        .map((c) => c.parentElement!.textContent);
    expect(screen.getByLabelText<HTMLSelectElement>('Protocol of run A').value).toBe('mptcp-v1');
    expect([checked('A'), checked('B')]).toEqual([['Half-open join limit'], ['Half-open join limit']]);

    fireEvent.change(screen.getByLabelText('Mitigation to compare without and with'), { target: { value: 'tls' } });
    fireEvent.click(screen.getByRole('button', { name: 'Without / with' }));
    expect([checked('A'), checked('B')]).toEqual([['Half-open join limit'], ['Half-open join limit', 'TLS above MPTCP']]);
    expect(screen.getByText('A: MPTCP v1 + half-open-limit · B: MPTCP v1 + half-open-limit + tls')).toBeTruthy();

    fireEvent.click(within(screen.getByRole('group', { name: 'Mitigations of run A' })).getByRole('checkbox', { name: 'Half-open join limit' }));
    expect(checked('A')).toEqual([]);
  });

  it('runs v0 against v1 and shows that v1 prevents the hijack and the man in the middle', async () => {
    const store = makeStore();
    await store.getState().simulate('attack-add-addr-hijack-v0');
    renderWithStore(<CompareView />, store);

    const protocolA = screen.getByLabelText<HTMLSelectElement>('Protocol of run A');
    const protocolB = screen.getByLabelText<HTMLSelectElement>('Protocol of run B');
    expect([protocolA.value, protocolB.value]).toEqual(['mptcp-v0', 'mptcp-v0']);

    fireEvent.change(protocolA, { target: { value: 'tcp' } });
    expect(protocolA.value).toBe('tcp');
    fireEvent.click(screen.getByRole('button', { name: 'v0 against v1' }));
    expect([protocolA.value, protocolB.value]).toEqual(['mptcp-v0', 'mptcp-v1']);

    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    expect(screen.getByRole('status').textContent).toBe('Running A and B…');
    await act(() => until(store, (s) => s.compare?.running === false, 60000));

    const compare = store.getState().compare!;
    expect(compare.error).toBeNull();
    expect([compare.a.label, compare.b.label]).toEqual(['MPTCP v0', 'MPTCP v1']);
    expect(compare.a.changes).toEqual([
      { kind: 'set-protocol', protocol: 'mptcp-v0' },
      { kind: 'set-mitigations', mitigations: [] },
    ]);
    expect(compare.b.changes[0]).toEqual({ kind: 'set-protocol', protocol: 'mptcp-v1' });

    const runA = screen.getByRole('region', { name: 'Run A: MPTCP v0' });
    const runB = screen.getByRole('region', { name: 'Run B: MPTCP v1' });
    const badges = (el: HTMLElement) => [...within(el).getByRole('list').querySelectorAll('.badge')].map((b) => `${b.getAttribute('data-verdict')} ${b.textContent}`);
    expect(badges(runA)).toEqual(['bad Data eavesdropped', 'bad Connection hijack', 'bad Man in the middle']);
    expect(badges(runB)).toEqual(['bad Data eavesdropped']);
    expect(runA.querySelector('[data-fact="packets"]')!.textContent).toBe(compare.a.summary!.packets.toLocaleString('en-US'));

    const diff = screen.getByRole('region', { name: 'Difference in failures' });
    const rows = within(diff)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Data eavesdropped', 'fails', 'fails', 'in both'],
      ['Connection hijack', 'fails', 'spared', 'only in A (B prevents it)'],
      ['Man in the middle', 'fails', 'spared', 'only in A (B prevents it)'],
    ]);
    expect(within(diff).getByTestId('compare-summary').textContent).toBe('B prevents 2 failures of A: Connection hijack, Man in the middle.');
  }, 90000);
});
