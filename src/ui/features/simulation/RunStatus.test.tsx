import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { LoadProgress } from '../toolbar/LoadProgress.tsx';
import { RunStatus } from './RunStatus.tsx';

describe('the run status', () => {
  it('a heavy run waiting shows its estimate and runs when asked', () => {
    const store = makeStore();
    const runDraft = vi.fn(async () => {});
    act(() => store.setState({ heavyRun: { title: 'Sixteen blind guessers', seconds: 34, megabytes: 260, packets: 200_300 }, runDraft }));
    renderWithStore(<RunStatus />, store);
    expect(screen.getByRole('group', { name: 'Heavy run waiting' }).textContent).toContain('Sixteen blind guessers is a heavy run (about 200,300 packets, est. 34 s, 260 MB), so it did not start by itself.');
    fireEvent.click(screen.getByRole('button', { name: /Run it \(est\. 34 s, 260 MB\)/ }));
    expect(runDraft).toHaveBeenCalledWith();
  });

  it('a cancelled run says where it stopped, and can be dismissed', () => {
    const store = makeStore();
    act(() => store.setState({ runNotice: 'Run cancelled at 1.234 s simulated. The previous view stays on screen.' }));
    renderWithStore(<RunStatus />, store);
    expect(screen.getByRole('status').textContent).toContain('Run cancelled at 1.234 s simulated.');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss the run status' }));
    expect(store.getState().runNotice).toBeNull();
  });
});

describe('simulation progress', () => {
  it('shows simulated time and packets, with Cancel; Escape cancels too', () => {
    const store = makeStore();
    const cancelRun = vi.fn();
    act(() => store.setState({ cancelRun, loading: { fileName: 'heavy.pcapng', progress: { phase: 'simulating', done: 45_678, total: 200_000, simUs: 1_234_000 } } }));
    renderWithStore(
      <>
        <LoadProgress />
        <RunStatus />
      </>,
      store,
    );
    expect(screen.getByRole('status').textContent).toBe('1.234 s simulated, 45,678 packets');
    expect(screen.getByRole('group', { name: 'Run in progress' }).textContent).toContain('Simulating heavy: 1.234 s simulated');
    expect(screen.getByRole('progressbar', { name: 'Simulating heavy' }).getAttribute('aria-valuenow')).toBe('23');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancelRun).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(cancelRun).toHaveBeenCalledTimes(2);
  });

  it('opening a file shows its bytes, not the figures of a simulation', () => {
    const store = makeStore();
    act(() => store.setState({ loading: { fileName: 'x.pcap', progress: { phase: 'reading', done: 5, total: 10 } } }));
    renderWithStore(<LoadProgress />, store);
    expect(screen.getByText('Reading x.pcap')).toBeTruthy();
    expect(screen.getByText('50% · 5 B of 10 B')).toBeTruthy();
    expect(screen.queryByText(/simulated/)).toBeNull();
  });
});
