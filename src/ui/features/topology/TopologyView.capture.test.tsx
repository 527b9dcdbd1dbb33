import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { TopologyView } from './TopologyView.tsx';

const sample = new Uint8Array(readFileSync(resolve(process.cwd(), 'fixtures/captures/v1-two-subflows-add-addr.pcap')));

describe('the topology of an opened capture', () => {
  it('shows the hosts and addresses the capture implies, over an earlier run’s draft, to look at only', async () => {
    const store = makeStore();
    await store.getState().simulate('two-path-v1');
    await store.getState().openFile(sample, 'sample.pcap');
    const { container } = renderWithStore(<TopologyView />, store);
    // Labels sit in their own layer above the packets in flight, one group per node.
    const nodes = [...container.querySelectorAll('[data-node]')].map((n) => {
      const id = n.getAttribute('data-node')!;
      return [id, [...container.querySelectorAll(`[data-label-for="${id}"] .topology__address`)].map((a) => a.textContent)];
    });
    expect(nodes).toEqual([
      ['client', ['eth0 198.18.1.1', 'eth1 198.18.2.1']],
      ['server', ['eth0 198.18.1.2', 'eth1 198.18.2.2']],
    ]);
    expect([...container.querySelectorAll('[data-link]')].map((l) => l.getAttribute('data-link'))).toEqual(['path-1', 'path-2', 'path-3']);
    expect(screen.queryByRole('complementary', { name: 'Attack palette' })).toBeNull();
    expect(screen.queryByRole('toolbar', { name: 'Edit topology' })).toBeNull();
    expect(screen.getByText(/Inferred from the capture’s addresses/)).toBeTruthy();
    // A click on a link selects it, but opens no editor.
    fireEvent.click(container.querySelector('[data-link="path-1"] .topology__link-hit')!);
    expect(container.querySelector('[data-link="path-1"]')!.getAttribute('class')).toContain('topology__link--selected');
    expect(screen.queryByRole('complementary', { name: 'Link path-1' })).toBeNull();
    expect(store.getState().past).toHaveLength(0);
  });
});
