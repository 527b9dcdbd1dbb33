import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeStore, renderWithStore, until } from '../../testing/harness.tsx';
import { PacketList } from './PacketList.tsx';

const sample = () => new Uint8Array(readFileSync(resolve(process.cwd(), 'fixtures/captures/v1-two-subflows-add-addr.pcap')));

async function setup() {
  const store = makeStore();
  await store.getState().openFile(sample(), 'sample.pcap');
  renderWithStore(<PacketList />, store);
  await act(() => until(store, (s) => s.rowAt(0) !== undefined));
  return store;
}

describe('PacketList', () => {
  it('renders only a window of rows, with the Wireshark columns', async () => {
    await setup();
    const grid = screen.getByRole('grid', { name: 'Packets' });
    expect(grid.getAttribute('aria-rowcount')).toBe('71');
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['No.', 'Time', 'Source', 'Destination', 'Protocol', 'Length', 'Info']);
    const rows = screen.getAllByRole('row').slice(1);
    // jsdom measures 0 px, so the list uses its 400 px fallback: 19 rows + overscan.
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]!.className).toContain('plist__row--mptcp');
    expect(rows[3]!.textContent).toContain('ADD_ADDR');
  });

  it('moves the selection with Up/Down, Home/End and PageUp/PageDown', async () => {
    const store = await setup();
    const grid = screen.getByRole('grid', { name: 'Packets' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(store.getState().selectedFrame).toBe(1);
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(store.getState().selectedFrame).toBe(2);
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    expect(store.getState().selectedFrame).toBe(1);
    // jsdom's fallback height is 400 px, less the 25 px header: 17 rows of 22 px a page, so a page down moves 16.
    fireEvent.keyDown(grid, { key: 'PageDown' });
    expect(store.getState().selectedFrame).toBe(1 + 16);
    fireEvent.keyDown(grid, { key: 'PageUp' });
    expect(store.getState().selectedFrame).toBe(1);
    fireEvent.keyDown(grid, { key: 'End' });
    expect(store.getState().selectedFrame).toBe(70);
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(store.getState().selectedFrame).toBe(70);
    fireEvent.keyDown(grid, { key: 'Home' });
    expect(store.getState().selectedFrame).toBe(1);
    expect(grid.getAttribute('aria-activedescendant')).toBe('packet-row-1');
  });

  it('selects a clicked row and flags problem rows', async () => {
    const store = await setup();
    fireEvent.click(screen.getAllByRole('row')[5]!);
    expect(store.getState().selectedFrame).toBe(5);
    expect(screen.getAllByRole('row')[5]!.getAttribute('aria-selected')).toBe('true');
  });
});
