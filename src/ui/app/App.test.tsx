import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeStore, renderWithStore, until } from '../testing/harness.tsx';
import { App } from './App.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';

const sample = () => new Uint8Array(readFileSync(resolve(process.cwd(), 'fixtures/captures/v1-two-subflows-add-addr.pcap')));

describe('App', () => {
  it('lands on the threat lab, with the three ways into a capture one section down', () => {
    renderWithStore(<App />, makeStore());
    expect(screen.getByRole('heading', { level: 2, name: 'See what attackers can do to Multipath TCP' })).toBeTruthy();
    const ways = screen.getByRole('list', { name: 'Ways to open a capture' });
    expect(ways.textContent).toContain('Open a capture');
    expect(ways.textContent).toContain('Drop a file');
    expect(ways.textContent).toContain('Try the sample');
    expect(screen.getByRole('button', { name: /Open capture/ }).getAttribute('aria-keyshortcuts')).toBe('Control+O');
    expect(screen.getByLabelText('Capture file').getAttribute('accept')).toContain('.pcapng');
  });

  it('loads the sample with one click and shows the workspace', async () => {
    const store = makeStore(sample());
    renderWithStore(<App />, store);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Load sample capture' }));
      await until(store, (s) => s.capture !== null);
    });
    expect(screen.getByRole('main').className).toContain('workspace');
    expect(screen.getByRole('heading', { name: 'MPTCP connections (1)' })).toBeTruthy();
    expect(screen.getByRole('banner').textContent).toContain('sample.pcap');
  });

  it('shows a coded error in an alert, keeping the landing page', async () => {
    const store = makeStore();
    renderWithStore(<App />, store);
    await act(() => store.getState().openFile(new TextEncoder().encode('{"a":1}'), 'notes.json'));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Could not open “notes.json”');
    expect(alert.textContent).toContain('CAPTURE_UNKNOWN_FORMAT: not a pcap or pcapng file');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss the error' }));
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('Ctrl+O opens the file dialog', () => {
    renderWithStore(<App />, makeStore());
    const input = screen.getByLabelText<HTMLInputElement>('Capture file');
    const click = vi.spyOn(input, 'click').mockImplementation(() => {});
    const event = new KeyboardEvent('keydown', { key: 'o', ctrlKey: true, cancelable: true });
    window.dispatchEvent(event);
    expect(click).toHaveBeenCalledOnce();
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('ErrorBoundary', () => {
  it('shows what failed and a reload button instead of a blank page', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    function Broken(): never {
      throw new Error('the field tree exploded');
    }
    renderWithStore(
      <ErrorBoundary>
        <Broken />
      </ErrorBoundary>,
      makeStore(),
    );
    expect(screen.getByRole('alert').textContent).toContain('Error: the field tree exploded');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    quiet.mockRestore();
  });
});
