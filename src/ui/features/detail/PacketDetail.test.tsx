import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeStore, renderWithStore, until } from '../../testing/harness.tsx';
import { PacketDetail } from './PacketDetail.tsx';

const sample = () => new Uint8Array(readFileSync(resolve(process.cwd(), 'fixtures/captures/v1-two-subflows-add-addr.pcap')));

async function showFrame(frame: number) {
  const store = makeStore();
  await store.getState().openFile(sample(), 'sample.pcap');
  renderWithStore(<PacketDetail />, store);
  await act(async () => {
    store.getState().selectFrame(frame);
    await until(store, (s) => s.detail?.frame === frame);
  });
  return store;
}

const highlighted = () =>
  [...screen.getByRole('group', { name: /^Bytes of frame/ }).querySelectorAll<HTMLElement>('[data-highlighted]')].map((e) => ({
    offset: Number(e.dataset.offset),
    hex: e.textContent,
  }));

describe('PacketDetail', () => {
  it('opens MPTCP options by default and shows key notes', async () => {
    await showFrame(2);
    const tree = screen.getByRole('tree', { name: 'Fields of frame 2' });
    const option = within(tree).getByRole('treeitem', { name: 'MP_CAPABLE' });
    expect(option.getAttribute('aria-expanded')).toBe('true');
    expect(tree.textContent).toContain('first 32 and last 64 bits of SHA-256(key)');
  });

  it('highlights exactly the bytes of the selected field', async () => {
    await showFrame(4);
    const hmac = screen.getByRole('treeitem', { name: /^Truncated HMAC: / });
    const value = hmac.getAttribute('aria-label')!.split(': ')[1]!;
    fireEvent.click(within(hmac).getByText('Truncated HMAC'));
    expect(hmac.getAttribute('aria-selected')).toBe('true');
    const bytes = highlighted();
    expect(bytes).toHaveLength(8);
    expect(bytes.map((b) => b.hex).join('')).toBe(value);
    expect(bytes.at(-1)!.offset - bytes[0]!.offset).toBe(7);
  });

  it('selects the innermost field under a clicked byte', async () => {
    await showFrame(4);
    const addr = screen.getByRole('treeitem', { name: /^IPv4 address: 198\.18\./ });
    fireEvent.click(within(addr).getByText('IPv4 address'));
    const first = highlighted()[0]!.offset;
    // Click the hmac's first byte: 4 bytes after the address.
    const hexView = screen.getByRole('group', { name: 'Bytes of frame 4' });
    fireEvent.click(hexView.querySelector(`.hex__byte[data-offset="${first + 4}"]`)!);
    expect(screen.getByRole('treeitem', { name: /^Truncated HMAC: / }).getAttribute('aria-selected')).toBe('true');
    // A click on the TCP flags byte selects "Flags", not one of its bits.
    fireEvent.click(hexView.querySelector(`.hex__byte[data-offset="47"]`)!);
    expect(screen.getByRole('treeitem', { selected: true }).getAttribute('aria-label')).toMatch(/^Flags: /);
  });

  it('moves through the tree with the keyboard and folds with Left/Right', async () => {
    const store = await showFrame(4);
    const tree = screen.getByRole('tree', { name: 'Fields of frame 4' });
    fireEvent.keyDown(tree, { key: 'Home' });
    expect(store.getState().selectedField).toBe('0');
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(store.getState().selectedField).toBe('1');
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    expect(store.getState().expandedFields.has('1')).toBe(true);
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(store.getState().expandedFields.has('1')).toBe(false);
    expect(tree.getAttribute('aria-activedescendant')).toBe('field-1');
  });
});
