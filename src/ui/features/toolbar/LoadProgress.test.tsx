import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AnalysisReport, ProblemReport } from '../../../engine/index.ts';
import { makeStore, renderWithStore, until } from '../../testing/harness.tsx';
import { Toolbar } from './Toolbar.tsx';
import { ProblemList } from '../connections/ProblemList.tsx';
import { IndexCapNotice } from '../packets/IndexCapNotice.tsx';

const SAMPLE = 'v1-two-subflows-add-addr.pcap';
const sample = () => new Uint8Array(readFileSync(resolve(process.cwd(), `fixtures/captures/${SAMPLE}`)));

/** The sample's records repeated to about `bytes` bytes: several 4 MB slices to analyze. */
function big(bytes: number): Uint8Array {
  const file = sample();
  const records = file.subarray(24);
  const copies = Math.ceil(bytes / records.length);
  const out = new Uint8Array(24 + copies * records.length);
  out.set(file.subarray(0, 24));
  for (let k = 0; k < copies; k++) out.set(records, 24 + k * records.length);
  return out;
}

describe('opening a capture', () => {
  it('cancels an open between slices: the previous capture stays, and a status says so', async () => {
    const store = makeStore();
    await store.getState().openFile(sample(), SAMPLE);
    const before = store.getState().capture;
    const opening = store.getState().openFile(big(12 * 1024 * 1024), 'huge.pcap');
    await until(store, (s) => (s.loading?.progress?.done ?? 0) > 0);
    expect(store.getState().loading).toMatchObject({ fileName: 'huge.pcap', cancellable: true });
    expect(store.getState().loading!.progress!.packets).toBeGreaterThan(0);
    store.getState().cancelOpen();
    await opening;
    expect(store.getState()).toMatchObject({ loading: null, error: null, openNotice: 'Opening cancelled' });
    expect(store.getState().capture).toBe(before);
    // The next open clears the notice.
    await store.getState().openFile(sample(), 'again.pcap');
    expect(store.getState()).toMatchObject({ openNotice: null, capture: { fileName: 'again.pcap' } });
  });

  it('shows bytes and packets so far, with a Cancel button that Escape also presses', () => {
    const store = makeStore();
    const cancelOpen = vi.fn();
    store.setState({ cancelOpen, loading: { fileName: 'huge.pcap', cancellable: true, progress: { phase: 'analyzing', done: 50 * 1024 * 1024, total: 200 * 1024 * 1024, packets: 749_000 } } });
    renderWithStore(<Toolbar onOpen={() => {}} onHome={() => {}} />, store);
    expect(screen.getByRole('progressbar', { name: 'Analyzing huge.pcap' }).getAttribute('aria-valuenow')).toBe('25');
    expect(screen.getByText(/MiB of/).textContent).toBe('25% · 50.0 MiB of 200.0 MiB · 749,000 packets');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancelOpen).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(cancelOpen).toHaveBeenCalledTimes(2);
    act(() => store.setState({ loading: null, openNotice: 'Opening cancelled' }));
    expect(screen.getByRole('status', { name: 'Opening' }).textContent).toBe('Opening cancelled');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(cancelOpen).toHaveBeenCalledTimes(2);
  });

  it('offers no Cancel for a simulation’s progress', () => {
    const store = makeStore();
    store.setState({ loading: { fileName: 'simulating x', progress: null } });
    renderWithStore(<Toolbar onOpen={() => {}} onHome={() => {}} />, store);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });
});

describe('bounded views of a huge or damaged capture', () => {
  it('says when the packet list holds only the first frames', () => {
    const store = makeStore();
    store.setState({ capture: { id: 1, fileName: 'x.pcap', fileSize: 1, report: {} as AnalysisReport, packets: 8_000_000, frames: 15_338_275 } });
    renderWithStore(<IndexCapNotice />, store);
    expect(screen.getByRole('note').textContent).toBe('Showing the first 8,000,000 of 15,338,275 frames; the analysis covered all.');
  });

  it('says nothing when every frame is listed', () => {
    const store = makeStore();
    store.setState({ capture: { id: 1, fileName: 'x.pcap', fileSize: 1, report: {} as AnalysisReport, packets: 40, frames: 40 } });
    renderWithStore(<IndexCapNotice />, store);
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('lists the first 100 of 500,000 problems and counts the rest', () => {
    const problems: ProblemReport[] = Array.from({ length: 500_000 }, (_, i) => ({ frame: i + 1, code: 'CAPTURE_RECORD_EMPTY', message: 'empty record' }) as ProblemReport);
    renderWithStore(<ProblemList title="Capture problems" problems={problems} />, makeStore());
    expect(screen.getAllByRole('listitem')).toHaveLength(100);
    expect(screen.getByRole('heading').textContent).toContain('(500,000)');
    expect(screen.getByText(/499,900 more not listed/)).toBeTruthy();
  });

  it('counts the problems the worker did not send', () => {
    const problems: ProblemReport[] = Array.from({ length: 1000 }, (_, i) => ({ frame: i + 1, code: 'WIRE_TRUNCATED', message: 'empty record' }));
    renderWithStore(<ProblemList title="Capture problems" problems={problems} notListed={499_000} />, makeStore());
    expect(screen.getAllByRole('listitem')).toHaveLength(100);
    expect(screen.getByRole('heading').textContent).toContain('(500,000)');
    expect(screen.getByText(/499,900 more not listed/)).toBeTruthy();
  });
});
