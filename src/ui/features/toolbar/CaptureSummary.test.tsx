import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { CaptureSummary } from './CaptureSummary.tsx';

describe('what is open', () => {
  it('a simulated run is named as a run of its scenario, not as a file with a size', async () => {
    const store = makeStore();
    renderWithStore(<CaptureSummary />, store);
    await act(() => store.getState().simulate('two-path-v1'));
    const summary = screen.getByLabelText('Simulated run');
    expect(summary.textContent).toContain('Simulated: two-path-v1');
    expect(summary.textContent).toMatch(/\d[\d,]* packets · 1 MPTCP connection/);
    expect(summary.textContent).not.toMatch(/MiB|KiB|pcap/);
  });
});
