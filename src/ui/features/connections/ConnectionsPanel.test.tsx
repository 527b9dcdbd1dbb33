import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AnalysisReport, ConnectionReport } from '../../../engine/index.ts';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { ConnectionsPanel } from './ConnectionsPanel.tsx';

const sub = (over: Partial<ConnectionReport['subflows'][number]>): ConnectionReport['subflows'][number] => ({
  client: '10.0.0.1:4000',
  server: '10.0.0.2:80',
  join: false,
  addressId: null,
  responderAddressId: null,
  backup: false,
  hmacVerified: null,
  synAckHmacVerified: null,
  synAckFrame: null,
  ackFrame: null,
  ackHmacVerified: null,
  initiator: 'client',
  synFrame: 1,
  token: null,
  established: true,
  resetFrame: null,
  resetBy: null,
  packets: 10,
  payloadBytes: 1000,
  ...over,
});

const report: AnalysisReport = {
  packets: 40,
  format: 'pcap',
  tcpPackets: 40,
  mptcpPackets: 38,
  cutPackets: 0,
  hopRepeats: 0,
  problems: [],
  connections: [
    {
      version: 1,
      client: '10.0.0.1:4000',
      server: '10.0.0.2:80',
      clientKey: '0123456789abcdef',
      serverKey: 'fedcba9876543210',
      clientToken: '01234567',
      serverToken: '89abcdef',
      clientIdsn: '1111111111111111',
      serverIdsn: '2222222222222222',
      clientIdsnVerified: true,
      serverIdsnVerified: null,
      subflows: [
        sub({}),
        sub({ join: true, client: '10.0.1.1:5000', addressId: 1, responderAddressId: 0, hmacVerified: true, synFrame: 6 }),
        sub({ join: true, client: '10.0.2.1:5001', addressId: 2, responderAddressId: 0, hmacVerified: false, synAckHmacVerified: false, ackHmacVerified: true, synFrame: 9, backup: true }),
        sub({ join: true, client: '10.0.3.1:5002', addressId: 3, hmacVerified: null, synFrame: 12, established: false, resetFrame: 13, resetBy: 'server' }),
      ],
      addAddrs: [
        { frame: 4, from: 'server', addressId: 1, address: '10.0.1.2', port: null, echo: false, hmacVerified: true, hmac: 'aaaaaaaaaaaaaaaa', version: 1 },
        { frame: 5, from: 'client', addressId: 1, address: '10.0.1.2', port: null, echo: true, hmacVerified: null, hmac: null, version: 1 },
        { frame: 20, from: 'server', addressId: 7, address: '10.0.9.9', port: 8090, echo: false, hmacVerified: false, hmac: 'bbbbbbbbbbbbbbbb', version: 1 },
      ],
      removeAddrs: [{ frame: 30, from: 'server', addressIds: [7] }],
      events: [{ frame: 31, kind: 'mp-fastclose', from: 'client', subflow: 0, detail: 'key matches' }],
      dssChecksum: { negotiated: false, verified: 0, failed: 0, unchecked: 0 },
      problems: [{ frame: 20, code: 'ANALYSIS_HMAC_MISMATCH', message: 'ADD_ADDR HMAC does not match' }],
    },
  ],
};

function setup() {
  const store = makeStore();
  store.setState({ capture: { id: 1, fileName: 'x.pcap', fileSize: 100, report, packets: 40, frames: 40 } });
  renderWithStore(<ConnectionsPanel />, store);
  return store;
}

describe('ConnectionsPanel', () => {
  it('shows each subflow with a badge for its HMAC verdict', () => {
    setup();
    const subflows = within(screen.getByRole('region', { name: 'Subflows of connection 1' })).getAllByRole('listitem');
    expect(subflows).toHaveLength(4);
    expect(subflows[0]!.textContent).toContain('initial');
    expect(subflows[0]!.textContent).not.toContain('HMAC');
    expect(subflows[1]!.textContent).toContain('HMAC verified');
    expect(subflows[2]!.textContent).toContain('HMAC mismatch');
    expect(subflows[2]!.textContent).toContain('SYN/ACK HMAC MISMATCH, third-ACK HMAC verified');
    expect(subflows[2]!.textContent).toContain('backup');
    expect(subflows[3]!.textContent).toContain('not checkable');
    expect(subflows[3]!.textContent).toContain('reset by server (frame 13)');
  });

  it('shows keys with IDSN verdicts, ADD_ADDRs with HMAC badges and echoes marked', () => {
    setup();
    const table = screen.getByRole('table');
    expect(table.textContent).toContain('0123456789abcdef');
    expect(table.textContent).toContain('verified');
    expect(table.textContent).toContain('no evidence');
    const adds = within(screen.getByRole('region', { name: 'Addresses added in connection 1' })).getAllByRole('listitem');
    expect(adds[0]!.textContent).toContain('HMAC verified');
    expect(adds[1]!.textContent).toContain('echo');
    expect(adds[1]!.textContent).not.toContain('HMAC');
    expect(adds[2]!.textContent).toContain('HMAC mismatch');
    expect(adds[2]!.textContent).toContain('port 8090');
    expect(screen.getByRole('region', { name: 'Events of connection 1' }).textContent).toContain('MP_FASTCLOSE');
    expect(screen.getByRole('region', { name: 'Problems' }).textContent).toContain('ANALYSIS_HMAC_MISMATCH');
  });

  it('selects the frame of a clicked ADD_ADDR, event or problem', () => {
    const store = setup();
    fireEvent.click(screen.getByRole('button', { name: /frame 4(?!\d).*announces/ }));
    expect(store.getState().selectedFrame).toBe(4);
    fireEvent.click(within(screen.getByRole('region', { name: 'Events of connection 1' })).getByRole('button'));
    expect(store.getState().selectedFrame).toBe(31);
    fireEvent.click(within(screen.getByRole('region', { name: 'Problems' })).getByRole('button'));
    expect(store.getState().selectedFrame).toBe(20);
    expect(screen.getByRole('button', { name: /frame 20(?!\d).*announces/ }).getAttribute('aria-current')).toBe('true');
  });
});
