/**
 * The live judge on hand-made inputs: the ADD_ADDR hijack scenario's hosts,
 * packets built byte for byte, monitor lines as `ip mptcp monitor` prints
 * them. Each check that decides a verdict is switched off once to show the
 * verdict flip.
 */
import { describe, expect, it } from 'vitest';
import { builtinScenario, encodeTcpPacket, parseIp, TCP_FLAG, type AppReport, type AttackerReport, type RunHandle, type TcpOption } from '../../engine/index.ts';
import { attackerVerdicts, judgeLive, type JudgeInput, type LinuxObservation } from './linux-judge.ts';
import { parseMonitorLine } from './linux-view.ts';

const scenario = builtinScenario('attack-add-addr-hijack')!;
type Rec = RunHandle['records'][number];

function packet(src: string, dst: string, sport: number, dport: number, flags: number, options: TcpOption[], payload = 0): Uint8Array {
  return encodeTcpPacket(
    {
      ip: { version: 4, tos: 0, totalLength: 0, identification: 1, flags: 2, fragmentOffset: 0, ttl: 64, protocol: 6, checksum: 0, src: parseIp(src)!, dst: parseIp(dst)!, options: new Uint8Array(0) },
      tcp: { srcPort: sport, dstPort: dport, seq: 1, ack: flags & TCP_FLAG.ACK ? 1 : 0, flags, reserved: 0, window: 1000, checksum: 0, urgentPointer: 0, options },
      payload: new Uint8Array(payload),
    },
    { fillLengths: true, fillChecksums: true },
  );
}

const joinSyn: TcpOption = { kind: 'mp-join-syn', backup: false, addressId: 0, token: 0x12345678, nonce: 7, reserved: 0 };
const joinSynAck: TcpOption = { kind: 'mp-join-syn-ack', backup: false, addressId: 9, truncatedHmac: 5n, nonce: 8, reserved: 0 };

function rec(id: number, link: string, from: string, to: string, bytes: Uint8Array, fate: Rec['fate'] = 'delivered'): Rec {
  return { id, timeUs: id * 1000, link, from, to, length: bytes.length, fate, bytes };
}

/** The client joins Mallory's 198.18.66.6 (answered by her relay) and sends data there; a legitimate join to 198.18.2.2 too. */
const hijackWire: Rec[] = [
  rec(10, 'client-r1', 'client', 'r1', packet('198.18.1.1', '198.18.66.6', 40000, 8080, TCP_FLAG.SYN, [joinSyn])),
  rec(11, 'client-r1', 'r1', 'client', packet('198.18.66.6', '198.18.1.1', 8080, 40000, TCP_FLAG.SYN | TCP_FLAG.ACK, [joinSynAck]), 'injected'),
  rec(12, 'client-r1', 'client', 'r1', packet('198.18.1.1', '198.18.66.6', 40000, 8080, TCP_FLAG.ACK, [], 100)),
  rec(20, 'client-r2', 'client', 'r2', packet('198.18.2.1', '198.18.2.2', 40001, 8080, TCP_FLAG.SYN, [joinSyn])),
  rec(21, 'client-r2', 'r2', 'client', packet('198.18.2.2', '198.18.2.1', 8080, 40001, TCP_FLAG.SYN | TCP_FLAG.ACK, [joinSynAck])),
];

const sfToMallory = parseMonitorLine('[SF_ESTABLISHED] token=12345678 remid=9 locid=0 saddr4=198.18.1.1 daddr4=198.18.66.6 sport=40000 dport=8080 backup=0');
const sfLegit = parseMonitorLine('[SF_ESTABLISHED] token=12345678 remid=1 locid=2 saddr4=198.18.2.1 daddr4=198.18.2.2 sport=40001 dport=8080 backup=0');

function app(over: Partial<AppReport> = {}): AppReport {
  const base = {
    id: 'upload',
    kind: 'bulk',
    client: 'client',
    server: 'server',
    bytesWritten: { client: 500000, server: 0 },
    bytesRead: { client: 0, server: 500000 },
    firstMismatch: { client: null, server: null },
    mismatchAtUs: { client: null, server: null },
    mismatchBytes: { client: null, server: null },
    closedBy: { client: 'fin', server: 'fin' },
    closedAtUs: { client: 900000, server: 900000 },
    progress: [],
    completedUs: 900000,
    intact: true,
  };
  return { ...base, ...over } as unknown as AppReport;
}

function input(over: { records?: Rec[]; client?: Partial<LinuxObservation>; apps?: AppReport[]; off?: JudgeInput['off'] } = {}): JudgeInput {
  return {
    scenario,
    apps: over.apps ?? [app()],
    records: over.records ?? [],
    linux: [
      { host: 'client', monitor: [], ss: [], ...over.client },
      { host: 'server', monitor: [], ss: [] },
    ],
    ...(over.off ? { off: over.off } : {}),
  };
}

const ids = (fs: { id: string }[]) => fs.map((f) => f.id).sort();

describe('judgeLive: hijack and mitm', () => {
  it('names the subflow to a foreign address from the monitor and the answered join on the wire, and the data relayed over it', () => {
    const fs = judgeLive(input({ records: hijackWire, client: { monitor: [sfToMallory, sfLegit] } }));
    expect(ids(fs)).toEqual(['hijack', 'mitm']);
    const hijack = fs.find((f) => f.id === 'hijack')!;
    expect(hijack.host).toBe('client');
    expect(hijack.summary).toContain('198.18.66.6');
    expect(hijack.evidence.packets).toEqual([10, 11]);
    expect(hijack.evidence.monitor).toEqual([sfToMallory.line]);
    expect(fs.find((f) => f.id === 'mitm')!.evidence.packets).toEqual([12]);
  });

  it('joins to the real peer are no failure', () => {
    expect(judgeLive(input({ records: hijackWire.filter((r) => r.id >= 20), client: { monitor: [sfLegit] } }))).toEqual([]);
  });

  it('a join whose SYN/ACK was dropped before the host was not answered', () => {
    const records = hijackWire.map((r) => (r.id === 11 ? { ...r, fate: 'dropped' as const } : r)).filter((r) => r.id !== 12);
    expect(judgeLive(input({ records }))).toEqual([]);
  });

  it('monitor check off: a hijack seen only by the kernel monitor is no longer judged', () => {
    const only = input({ client: { monitor: [sfToMallory] } });
    expect(ids(judgeLive(only))).toEqual(['hijack']);
    expect(judgeLive({ ...only, off: ['monitor-subflows'] })).toEqual([]);
  });

  it('wire check off: a hijack seen only on the wire is no longer judged', () => {
    const only = input({ records: hijackWire.filter((r) => r.id !== 12) });
    expect(ids(judgeLive(only))).toEqual(['hijack']);
    expect(judgeLive({ ...only, off: ['wire-joins'] })).toEqual([]);
  });

  it('relayed-data check off: no mitm, the hijack stays', () => {
    const all = input({ records: hijackWire, client: { monitor: [sfToMallory] } });
    expect(ids(judgeLive({ ...all, off: ['relayed-data'] }))).toEqual(['hijack']);
  });

  it('an ss subflow to the foreign address that moved bytes is mitm evidence too', () => {
    const sub = { state: 'ESTAB', recvQ: 0, sendQ: 0, local: { address: '198.18.1.1', port: 40000, raw: '198.18.1.1:40000' }, remote: { address: '198.18.66.6', port: 8080, raw: '198.18.66.6:8080' }, fields: {}, flags: [], mptcp: true, mptcpFields: {}, bytesAcked: 5000 };
    const fs = judgeLive(input({ client: { monitor: [sfToMallory], ss: [{ mptcp: [], subflows: [sub], raw: { mptcp: '', tcp: '' } }] } }));
    expect(ids(fs)).toEqual(['hijack', 'mitm']);
  });
});

describe('judgeLive: data-injection and connection-dos', () => {
  it('an application that read bytes its peer never wrote', () => {
    const bad = input({ apps: [app({ firstMismatch: { client: null, server: 4096 }, mismatchBytes: { client: null, server: 'deadbeef' } })] });
    const fs = judgeLive(bad);
    expect(ids(fs)).toEqual(['data-injection']);
    expect(fs[0]!.host).toBe('server');
    expect(fs[0]!.evidence.app).toEqual({ traffic: 'upload', side: 'server', detail: 'firstMismatch 4096' });
    expect(judgeLive({ ...bad, off: ['app-integrity'] })).toEqual([]);
  });

  it('a transfer that did not complete, where it completes without the attacker', () => {
    const cut = input({ apps: [app({ bytesRead: { client: 0, server: 120000 }, closedBy: { client: 'error: timeout', server: 'error: timeout' } })] });
    expect(ids(judgeLive(cut))).toEqual(['connection-dos']);
    expect(judgeLive({ ...cut, off: ['completion'] })).toEqual([]);
    expect(judgeLive({ ...cut, completesWithoutAttack: () => false })).toEqual([]);
  });

  it('a reset that ended the connection, with the RST delivered to the host as evidence', () => {
    const rst = rec(30, 'client-r1', 'r1', 'client', packet('198.18.1.2', '198.18.1.1', 8080, 40000, TCP_FLAG.RST | TCP_FLAG.ACK, []), 'injected');
    const reset = input({ records: [rst], apps: [app({ closedBy: { client: 'reset-received', server: 'fin' } })] });
    const fs = judgeLive(reset);
    expect(ids(fs)).toEqual(['connection-dos']);
    expect(fs[0]!.host).toBe('client');
    expect(fs[0]!.evidence.packets).toEqual([30]);
    expect(judgeLive({ ...reset, off: ['resets'] })).toEqual([]);
  });

  it('a complete, intact transfer is no failure', () => {
    expect(judgeLive(input())).toEqual([]);
  });
});

describe('attackerVerdicts', () => {
  const report = (id: string, attempted: boolean) => ({ id, attempted }) as AttackerReport;
  const hijack = judgeLive(input({ client: { monitor: [sfToMallory] } }));

  it('an attacker that never acted is "not attempted", even when a host suffered a failure, never "defended"', () => {
    expect(attackerVerdicts([report('m', false)], [])).toEqual([{ id: 'm', verdict: 'not attempted', failures: [] }]);
    expect(attackerVerdicts([report('m', false)], hijack)[0]!.verdict).toBe('not attempted');
  });

  it('one that acted: succeeded with failures, defended without', () => {
    expect(attackerVerdicts([report('m', true)], hijack)[0]).toEqual({ id: 'm', verdict: 'succeeded', failures: ['hijack'] });
    expect(attackerVerdicts([report('m', true)], [])[0]!.verdict).toBe('defended');
  });
});
