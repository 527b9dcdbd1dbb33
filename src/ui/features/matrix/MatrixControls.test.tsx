import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import type { MatrixState } from '../../store/types.ts';
import { MatrixView } from './MatrixView.tsx';
import { TEST_ATTACKS, matrixRow, matrixState } from './test-rows.ts';

const ROWS = [
  matrixRow({ failures: ['hijack', 'mitm'], mptcpSpecific: ['hijack', 'mitm'] }),
  matrixRow({ protocol: 'v0', mitigations: [], failures: ['hijack', 'mitm', 'data-injection'], mptcpSpecific: ['hijack', 'mitm'] }),
  matrixRow({ mitigations: ['add-addr-hmac', 'tls'], tcpOnly: ['data-injection'] }),
  matrixRow({ mitigations: ['add-addr-hmac', 'stateless-join', 'half-open-limit', 'syn-cookies', 'address-bound-join-hmac', 'tls', 'dh-keys', 'aes-cmac'], failures: ['join-dos'] }),
];

function setup(matrix: MatrixState | null = matrixState(ROWS)) {
  const store = makeStore();
  store.setState({ attacks: TEST_ATTACKS, matrix });
  renderWithStore(<MatrixView />, store);
  return store;
}

const onPathActive = () => {
  const row = screen.getByRole('rowheader', { name: /^ADD_ADDR hijack/ }).closest('tr')!;
  return row.children[9] as HTMLElement;
};

afterEach(() => vi.restoreAllMocks());

describe('MatrixView filters', () => {
  it('show v1 with its defaults first', () => {
    setup();
    expect((screen.getByLabelText('Protocol') as HTMLSelectElement).value).toBe('v1');
    expect((screen.getByLabelText('Mitigations') as HTMLSelectElement).value).toBe('defaults');
    expect(screen.getByTestId('matrix-in-effect').textContent).toBe('In effect: ADD_ADDR HMAC');
    expect(within(onPathActive()).getByRole('button').getAttribute('aria-label')).toBe('ADD_ADDR hijack, on-path active, v1: Connection hijack, Man in the middle — open this run');
  });

  it('switch the protocol', () => {
    setup();
    fireEvent.change(screen.getByLabelText('Protocol'), { target: { value: 'v0' } });
    expect(within(onPathActive()).getByRole('button').getAttribute('aria-label')).toBe('ADD_ADDR hijack, on-path active, v0: Connection hijack, Man in the middle, Data injection — open this run');
    expect(screen.getByTestId('matrix-in-effect').textContent).toBe('In effect: none');
    // v0 has no ADD_ADDR HMAC of its own, so it is an extra there.
    expect(within(screen.getByLabelText('Mitigations')).getAllByRole('option')).toHaveLength(11);
  });

  it('switch the mitigation set', () => {
    setup();
    const select = screen.getByLabelText('Mitigations');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Defaults',
      '+ Stateless join',
      '+ Half-open join limit',
      '+ SYN cookies',
      '+ Address-bound join HMAC',
      '+ TLS',
      '+ DH keys (what-if)',
      '+ REMOVE_ADDR keepalive probe',
      '+ AES-CMAC (what-if)',
      'All',
    ]);
    fireEvent.change(select, { target: { value: 'tls' } });
    const button = within(onPathActive()).getByRole('button');
    expect(button.getAttribute('aria-label')).toBe('ADD_ADDR hijack, on-path active, v1: no failure — open this run');
    expect(button.textContent).toBe(' none(spared DI)');
    fireEvent.change(select, { target: { value: 'all' } });
    expect(within(onPathActive()).getByRole('button').getAttribute('aria-label')).toBe('ADD_ADDR hijack, on-path active, v1: Join denial of service — open this run');
    fireEvent.change(select, { target: { value: 'syn-cookies' } });
    expect(onPathActive().textContent).toBe('… running');
  });
});

describe('MatrixView run controls', () => {
  it('runs the matrix with the chosen workers', () => {
    const store = setup(null);
    const run = vi.fn();
    act(() => store.setState({ runMatrix: run }));
    expect(screen.queryByRole('progressbar')).toBeNull();
    fireEvent.change(screen.getByLabelText('Workers'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run the attack matrix' }));
    expect(run).toHaveBeenCalledWith(2);
  });

  it('shows progress while running, and cancels', async () => {
    vi.spyOn(performance, 'now').mockReturnValue(4100);
    const store = setup(matrixState(ROWS, { done: 412, startedAt: 1000 }));
    const cancel = vi.fn();
    act(() => store.setState({ cancelMatrix: cancel }));
    const bar = screen.getByRole('progressbar', { name: 'Attack matrix progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('412');
    expect(bar.getAttribute('aria-valuemax')).toBe('817');
    await waitFor(() => expect(screen.getByTestId('matrix-progress-text').textContent).toBe('412 of 817 rows · 3.1 s'));
    expect((screen.getByRole('button', { name: 'Run again' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('sums up a finished sweep', () => {
    setup(matrixState(ROWS, { done: 817, running: false, elapsedMs: 4900 }));
    const bar = screen.getByRole('progressbar', { name: 'Attack matrix progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('817');
    expect(screen.getByTestId('matrix-progress-text').textContent).toBe('817 rows in 4.9 s with 2 workers');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect((screen.getByRole('button', { name: 'Run again' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('says why a sweep failed', () => {
    setup(matrixState(ROWS, { running: false, error: 'a matrix worker failed: out of memory' }));
    expect(screen.getByRole('alert').textContent).toBe('The sweep failed: a matrix worker failed: out of memory');
    expect(screen.getByTestId('matrix-progress-text').textContent).toBe('Stopped at 4 of 817 rows');
  });
});
