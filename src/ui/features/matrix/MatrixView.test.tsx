import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MatrixRow } from '../../../engine/index.ts';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { MatrixView } from './MatrixView.tsx';
import { TEST_ATTACKS, matrixRow, matrixState } from './test-rows.ts';

const hijackV1 = matrixRow({ failures: ['hijack', 'mitm'], mptcpSpecific: ['hijack', 'mitm'], attackerKnew: ['keys'] });
const hijackV0 = matrixRow({ protocol: 'v0', mitigations: [], scenario: 'attack-add-addr-hijack-v0', failures: ['hijack', 'mitm', 'data-injection'], mptcpSpecific: ['hijack', 'mitm'] });
const hijackTls = matrixRow({ mitigations: ['add-addr-hmac', 'tls'], tcpOnly: ['data-injection'] });
const eavesdrop = matrixRow({ attack: 'passive-eavesdrop', location: 'partial-time-on-path', capability: 'eavesdropper', window: 'handshake', scenario: 'attack-passive-eavesdrop', failures: ['key-compromise', 'eavesdrop-data'], mptcpSpecific: ['key-compromise'] });
const ROWS = [hijackV1, undefined, hijackV0, hijackTls, eavesdrop];

const HIJACK_V1_LABEL = 'ADD_ADDR hijack, on-path active, v1: Connection hijack, Man in the middle — open this run';

function setup(over: Parameters<typeof matrixState>[1] = {}) {
  const store = makeStore();
  store.setState({ attacks: TEST_ATTACKS, matrix: matrixState(ROWS, over) });
  renderWithStore(<MatrixView />, store);
  return { store, table: screen.getByRole('table') };
}

/** The cell of an attack (row header text) and a class (column header text). */
function cellAt(table: HTMLElement, attack: string, klass: string): HTMLElement {
  const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
  const column = headers.indexOf(klass);
  expect(column).toBeGreaterThan(0);
  const row = within(table).getByRole('rowheader', { name: new RegExp(`^${attack}`) }).closest('tr')!;
  return row.children[column] as HTMLElement;
}

const badges = (el: HTMLElement) => [...el.querySelectorAll('[data-failure]')].map((b) => b.getAttribute('data-failure'));

afterEach(() => vi.restoreAllMocks());

describe('MatrixView grid', () => {
  it('has attacks as rows and the nine attacker classes as columns', () => {
    const { table } = setup();
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Attack',
      'off-path active',
      'partial-time eavesdropper (handshake)',
      'partial-time active (handshake)',
      'partial-time eavesdropper (join)',
      'partial-time active (join)',
      'partial-time eavesdropper (data)',
      'partial-time active (data)',
      'on-path eavesdropper',
      'on-path active',
    ]);
    const rowHeaders = within(table).getAllByRole('rowheader');
    expect(rowHeaders.map((h) => h.textContent)).toEqual(['ADD_ADDR hijack RFC 7430 §2', 'Passive eavesdropping RFC 7430 §1']);
    expect(rowHeaders[0]!.getAttribute('title')).toBe('Forge an ADD_ADDR announcing the attacker address.');
  });

  it("shows a row's failure badges at its attack and class", () => {
    const { table } = setup();
    const cell = cellAt(table, 'ADD_ADDR hijack', 'on-path active');
    const button = within(cell).getByRole('button', { name: HIJACK_V1_LABEL });
    expect(badges(button)).toEqual(['hijack', 'mitm']);
    expect(button.textContent).toBe('HJMI');
    const hj = button.querySelector('[data-failure="hijack"]')!;
    expect(hj.getAttribute('title')).toBe('Connection hijack (Spoofing, MPTCP-specific)');
    expect(hj.getAttribute('data-specific')).toBe('true');
    expect(hj.querySelector('path')!.getAttribute('d')).toMatch(/^M12 1.5a8.5/); // Spoofing: a circle
    expect(button.getAttribute('title')).toContain('Attacker knew: keys');

    const ev = cellAt(table, 'Passive eavesdropping', 'partial-time eavesdropper (handshake)');
    expect(badges(ev)).toEqual(['key-compromise', 'eavesdrop-data']);
    expect(ev.querySelector('[data-failure="key-compromise"]')!.getAttribute('data-specific')).toBe('true');
    expect(ev.querySelector('[data-failure="eavesdrop-data"]')!.hasAttribute('data-specific')).toBe(false);
    expect(within(ev).getByRole('button').getAttribute('aria-label')).toBe('Passive eavesdropping, partial-time eavesdropper (handshake), v1: Keys compromised, Data eavesdropped — open this run');
  });

  it('marks classes the plan has no row for, and rows still running', () => {
    const { table } = setup();
    expect(cellAt(table, 'ADD_ADDR hijack', 'on-path eavesdropper').textContent).toBe('—');
    expect(cellAt(table, 'ADD_ADDR hijack', 'off-path active').textContent).toBe('… running');
    expect(cellAt(table, 'Passive eavesdropping', 'on-path eavesdropper').textContent).toBe('… running');
    // Twelve of the eighteen cells are waiting: 2 attacks × 9 classes, less 2 run and 4 not planned.
    expect(within(table).getAllByText('…')).toHaveLength(12);
  });

  it('marks a row whose attacker never acted as not attempted, never as defended', () => {
    const store = makeStore();
    const idle = matrixRow({ location: 'partial-time-on-path', window: 'handshake', attempted: false });
    store.setState({ attacks: TEST_ATTACKS, matrix: matrixState([idle], { running: false }) });
    renderWithStore(<MatrixView />, store);
    const cell = cellAt(screen.getByRole('table'), 'ADD_ADDR hijack', 'partial-time active (handshake)');
    const button = within(cell).getByRole('button');
    expect(button.textContent).toBe('○ not attempted');
    expect(button.querySelector('.mcell__none')).toBeNull();
    expect(button.getAttribute('aria-label')).toBe('ADD_ADDR hijack, partial-time active (handshake), v1: not attempted — open this run');
    expect(button.getAttribute('title')).toMatch(/^Not attempted: the attacker did not act/);
  });

  it('shows "not run" for missing rows once the sweep has stopped', () => {
    const { table } = setup({ running: false });
    expect(cellAt(table, 'ADD_ADDR hijack', 'off-path active').textContent).toBe('not run');
    expect(within(table).queryAllByText('…')).toHaveLength(0);
  });

  it('opens the row of a clicked cell', () => {
    const { store } = setup();
    const open = vi.fn(async (_row: MatrixRow) => {});
    act(() => store.setState({ openMatrixRow: open }));
    fireEvent.click(screen.getByRole('button', { name: HIJACK_V1_LABEL }));
    expect(open).toHaveBeenCalledTimes(1);
    expect(open.mock.calls[0]?.[0]).toBe(hijackV1);
  });
});
