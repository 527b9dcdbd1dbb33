/**
 * The live judge on hand-made inputs: the ADD_ADDR hijack scenario's hosts,
 * packets built byte for byte, monitor lines as `ip mptcp monitor` prints
 * them. Each check that decides a verdict is switched off once to show the
 * verdict flip.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { applicationRun, builtinScenario, decodePacket, encodeTcpPacket, parseIp, runScenario, TCP_FLAG, type AppReport, type AttackerReport, type RunHandle, type Scenario, type TcpOption } from '../../engine/index.ts';
import { attackerVerdicts, judgeLive, notJudgedOn, notJudgedReasons, type JudgeInput, type LinuxObservation } from './linux-judge.ts';
import { parseMonitorLine } from './linux-view.ts';

const scenario = builtinScenario('attack-add-addr-hijack')!;
type Rec = RunHandle['records'][number];

function packet(src: string, dst: string, sport: number, dport: number, flags: number, options: TcpOption[], payload: number | Uint8Array = 0): Uint8Array {
  return encodeTcpPacket(
    {
      ip: { version: 4, tos: 0, totalLength: 0, identification: 1, flags: 2, fragmentOffset: 0, ttl: 64, protocol: 6, checksum: 0, src: parseIp(src)!, dst: parseIp(dst)!, options: new Uint8Array(0) },
      tcp: { srcPort: sport, dstPort: dport, seq: 1, ack: flags & TCP_FLAG.ACK ? 1 : 0, flags, reserved: 0, window: 1000, checksum: 0, urgentPointer: 0, options },
      payload: typeof payload === 'number' ? new Uint8Array(payload) : payload,
    },
    { fillLengths: true, fillChecksums: true },
  );
}

const joinSyn: TcpOption = { kind: 'mp-join-syn', backup: false, addressId: 0, token: 0x12345678, nonce: 7, reserved: 0 };
const joinSynAck: TcpOption = { kind: 'mp-join-syn-ack', backup: false, addressId: 9, truncatedHmac: 5n, nonce: 8, reserved: 0 };
const joinAck: TcpOption = { kind: 'mp-join-ack', hmac: new Uint8Array(20), reserved: 0 };

function rec(id: number, link: string, from: string, to: string, bytes: Uint8Array, fate: Rec['fate'] = 'delivered'): Rec {
  return { id, timeUs: id * 1000, link, from, to, length: bytes.length, fate, bytes };
}

/** The client joins Mallory's 198.18.66.6 (answered by her relay) and sends data there; a legitimate join to 198.18.2.2 too. */
const hijackWire: Rec[] = [
  rec(10, 'client-r1', 'client', 'r1', packet('198.18.1.1', '198.18.66.6', 40000, 8080, TCP_FLAG.SYN, [joinSyn])),
  rec(11, 'client-r1', 'r1', 'client', packet('198.18.66.6', '198.18.1.1', 8080, 40000, TCP_FLAG.SYN | TCP_FLAG.ACK, [joinSynAck]), 'injected'),
  rec(12, 'client-r1', 'client', 'r1', packet('198.18.1.1', '198.18.66.6', 40000, 8080, TCP_FLAG.ACK, [joinAck])),
  rec(13, 'client-r1', 'client', 'r1', packet('198.18.1.1', '198.18.66.6', 40000, 8080, TCP_FLAG.ACK, [], applicationBytes(100))),
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

function input(over: { records?: Rec[]; client?: Partial<LinuxObservation>; apps?: AppReport[]; off?: JudgeInput['off']; scenario?: Scenario } = {}): JudgeInput {
  return {
    scenario: over.scenario ?? scenario,
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
    // (The relayed plaintext also crossed the attacker's link: eavesdrop-data, another check's verdict.)
    const fs = judgeLive({ ...input({ records: hijackWire, client: { monitor: [sfToMallory, sfLegit] } }), off: ['seen-plaintext'] });
    expect(ids(fs)).toEqual(['hijack', 'mitm']);
    const hijack = fs.find((f) => f.id === 'hijack')!;
    expect(hijack.host).toBe('client');
    expect(hijack.summary).toContain('198.18.66.6');
    expect(hijack.evidence.packets).toEqual([10, 11, 12]);
    expect(hijack.evidence.monitor).toEqual([sfToMallory.line]);
    expect(fs.find((f) => f.id === 'mitm')!.evidence.packets).toEqual([13]);
  });

  it('joins to the real peer are no failure', () => {
    expect(judgeLive(input({ records: hijackWire.filter((r) => r.id >= 20), client: { monitor: [sfLegit] } }))).toEqual([]);
  });

  it('a join whose SYN/ACK was dropped before the host was not answered', () => {
    const records = hijackWire.map((r) => (r.id === 11 ? { ...r, fate: 'dropped' as const } : r)).filter((r) => r.id !== 13);
    expect(judgeLive(input({ records }))).toEqual([]);
  });

  it('monitor check off: a hijack seen only by the kernel monitor is no longer judged', () => {
    const only = input({ client: { monitor: [sfToMallory] } });
    expect(ids(judgeLive(only))).toEqual(['hijack']);
    expect(judgeLive({ ...only, off: ['monitor-subflows'] })).toEqual([]);
  });

  it('a join answered but never completed by a third ACK (a flood\'s half-open join) is no hijack', () => {
    expect(judgeLive(input({ records: hijackWire.filter((r) => r.id < 12) }))).toEqual([]);
  });

  it('wire check off: a hijack seen only on the wire is no longer judged', () => {
    const only = input({ records: hijackWire.filter((r) => r.id !== 13) });
    expect(ids(judgeLive(only))).toEqual(['hijack']);
    expect(judgeLive({ ...only, off: ['wire-joins'] })).toEqual([]);
  });

  it('relayed-data check off: no mitm, the hijack stays', () => {
    const all = input({ records: hijackWire, client: { monitor: [sfToMallory] } });
    expect(ids(judgeLive({ ...all, off: ['seen-plaintext'] }))).toEqual(['hijack', 'mitm']);
    expect(ids(judgeLive({ ...all, off: ['relayed-data', 'seen-plaintext'] }))).toEqual(['hijack']);
  });

  it('bytes on the foreign subflow that no application wrote (an ss count, or data the attacker made up) are no relay: no mitm', () => {
    const sub = { state: 'ESTAB', recvQ: 0, sendQ: 0, local: { address: '198.18.1.1', port: 40000, raw: '198.18.1.1:40000' }, remote: { address: '198.18.66.6', port: 8080, raw: '198.18.66.6:8080' }, fields: {}, flags: [], mptcp: true, mptcpFields: {}, bytesAcked: 5000 };
    expect(ids(judgeLive(input({ client: { monitor: [sfToMallory], ss: [{ mptcp: [], subflows: [sub], raw: { mptcp: '', tcp: '' } }] } })))).toEqual(['hijack']);
    // The relay's own packets carrying the peer's bytes are a relay all the same.
    const relayed = hijackWire.map((r) => (r.id === 13 ? { ...r, fate: 'injected' as const } : r));
    expect(ids(judgeLive({ ...input({ records: relayed, client: { monitor: [sfToMallory] } }), off: ['seen-plaintext'] }))).toEqual(['hijack', 'mitm']);
    const zeros = hijackWire.map((r) => (r.id === 13 ? rec(13, 'client-r1', 'client', 'r1', packet('198.18.1.1', '198.18.66.6', 40000, 8080, TCP_FLAG.ACK, [], 100)) : r));
    expect(ids(judgeLive(input({ records: zeros, client: { monitor: [sfToMallory] } })))).toEqual(['hijack']);
  });

  it('a connection of its own that an attacker opens to the server (another token) is no subflow of the traffic\'s', () => {
    const own = parseMonitorLine('[   ESTABLISHED] token=abcdef01 remid=0 locid=0 saddr4=198.18.1.1 daddr4=198.18.66.6 sport=40000 dport=8080');
    expect(ids(judgeLive(input({ client: { monitor: [own] } })))).toEqual(['hijack']);
    expect(judgeLive(input({ client: { monitor: [own], tokens: ['12345678'] } }))).toEqual([]);
    expect(ids(judgeLive(input({ client: { monitor: [sfToMallory], tokens: ['12345678'] } })))).toEqual(['hijack']);
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

  describe('a connection the scenario aborts itself (app-abort: MP_FASTCLOSE from the peer)', () => {
    const aborting: Scenario = { ...scenario, actions: [{ atUs: 150_000, kind: 'app-abort', traffic: 'upload', side: 'server' }] };
    const fastclose = (fate: Rec['fate']) => rec(30, 'client-r1', 'r1', 'client', packet('198.18.1.2', '198.18.1.1', 8080, 40000, TCP_FLAG.RST | TCP_FLAG.ACK, [{ kind: 'mp-fastclose', receiverKey: 5n, reserved: 0 }]), fate);
    const cut = app({ bytesRead: { client: 0, server: 120000 }, completedUs: null, closedBy: { client: 'reset-received', server: 'aborted' } });

    it('the peer ended it: no failure, neither a reset nor an incomplete transfer', () => {
      expect(judgeLive(input({ scenario: aborting, records: [fastclose('delivered')], apps: [cut] }))).toEqual([]);
    });

    it('an attacker forged the MP_FASTCLOSE that ended it: connection-dos all the same', () => {
      const forged = input({ scenario: aborting, records: [fastclose('injected')], apps: [cut] });
      expect(ids(judgeLive(forged))).toEqual(['connection-dos']);
      expect(judgeLive({ ...forged, off: ['resets'] })).toEqual([]);
    });

    it('without the app-abort the same end is a failure (the check that makes the difference)', () => {
      expect(ids(judgeLive(input({ records: [fastclose('delivered')], apps: [cut] })))).toEqual(['connection-dos']);
    });

    it('an attack-free run with a reset ended it the same way: not the attacker', () => {
      const same = { ...input({ records: [fastclose('delivered')], apps: [cut] }), baseline: { linux: [], apps: [cut] } };
      expect(judgeLive(same)).toEqual([]);
    });
  });

  it('a run without attackers has no failures, however its connections ended', () => {
    const rst = rec(30, 'client-r1', 'r1', 'client', packet('198.18.1.2', '198.18.1.1', 8080, 40000, TCP_FLAG.RST | TCP_FLAG.ACK, []), 'injected');
    const quiet = input({ scenario: { ...scenario, attackers: [] }, records: [rst], apps: [app({ closedBy: { client: 'reset-received', server: 'fin' } })] });
    expect(judgeLive(quiet)).toEqual([]);
    expect(ids(judgeLive({ ...quiet, scenario }))).toEqual(['connection-dos']);
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

/**
 * Bytes an application writes: the pattern recovered through the detector
 * itself (with `min` 2, a pair is a run exactly when the second byte follows
 * the first in the pattern), so the test needs no engine internals.
 */
function applicationBytes(n: number): Uint8Array {
  const out = [0];
  while (applicationRun(Uint8Array.of(out[0]!, 0), 1) === null) out[0]!++;
  while (out.length < n) {
    const last = out[out.length - 1]!;
    let next = 0;
    while (applicationRun(Uint8Array.of(last, next), 2) === null) next++;
    out.push(next);
  }
  return Uint8Array.from(out);
}

describe('judgeLive: a forged REMOVE_ADDR acted on', () => {
  const removeAddr: TcpOption = { kind: 'remove-addr', addressIds: [0], reserved: 0 };
  const forged = rec(50, 'client-r1', 'r1', 'client', packet('198.18.1.2', '198.18.1.1', 8080, 40000, TCP_FLAG.ACK, [removeAddr]), 'injected');
  const removed = parseMonitorLine('[       REMOVED] token=12345678 remid=0');

  it('the client removed an address when only the attacker sent a REMOVE_ADDR: hijack and degradation; each check off, no such verdict', () => {
    const fs = judgeLive(input({ records: [forged], client: { monitor: [removed] } }));
    expect(fs.map((f) => [f.id, f.host])).toEqual([
      ['hijack', 'client'],
      ['degradation', 'client'],
    ]);
    expect(fs.map((f) => f.evidence.packets)).toEqual([[50], [50]]);
    expect(ids(judgeLive({ ...input({ records: [forged], client: { monitor: [removed] } }), off: ['forged-remove-addr'] }))).toEqual(['degradation']);
    expect(ids(judgeLive({ ...input({ records: [forged], client: { monitor: [removed] } }), off: ['forged-path-change'] }))).toEqual(['hijack']);
  });

  it('a subflow made a backup on a forged MP_PRIO: degradation; with the peer’s own MP_PRIO there too, none', () => {
    const prio: TcpOption = { kind: 'mp-prio', backup: true, addressId: 0, reserved: 0 } as TcpOption;
    const forgedPrio = rec(51, 'client-r1', 'r1', 'client', packet('198.18.1.2', '198.18.1.1', 8080, 40000, TCP_FLAG.ACK, [prio]), 'injected');
    const demoted = parseMonitorLine('[        SF_PRIO] token=12345678 remid=0 locid=0 saddr4=198.18.1.1 daddr4=198.18.1.2 sport=40000 dport=8080 backup=1');
    expect(ids(judgeLive(input({ records: [forgedPrio], client: { monitor: [demoted] } })))).toEqual(['degradation']);
    expect(judgeLive({ ...input({ records: [forgedPrio], client: { monitor: [demoted] } }), off: ['forged-path-change'] })).toEqual([]);
    const own = { ...forgedPrio, id: 52, fate: 'delivered' as const };
    expect(judgeLive(input({ records: [forgedPrio, own], client: { monitor: [demoted] } }))).toEqual([]);
  });

  it('a REMOVE_ADDR from the peer, or a forged one the host did not act on, is no hijack', () => {
    const genuine = { ...forged, fate: 'delivered' as const };
    expect(judgeLive(input({ records: [genuine], client: { monitor: [removed] } }))).toEqual([]);
    expect(judgeLive(input({ records: [forged] }))).toEqual([]);
  });
});

describe('judgeLive: eavesdrop-data', () => {
  const plain = rec(40, 'client-r1', 'client', 'r1', packet('198.18.1.1', '198.18.1.2', 40000, 8080, TCP_FLAG.ACK, [], applicationBytes(64)));
  const noise = rec(41, 'client-r1', 'client', 'r1', packet('198.18.1.1', '198.18.1.2', 40000, 8080, TCP_FLAG.ACK, [], 64));
  const elsewhere = rec(42, 'client-r2', 'client', 'r2', plain.bytes!);
  const mallory = scenario.attackers[0]!;
  const variant = (a: Partial<typeof mallory>, mitigations = scenario.mptcp.mitigations): Scenario => ({ ...scenario, attackers: [{ ...mallory, ...a }], mptcp: { ...scenario.mptcp, mitigations } });

  it('plaintext of the Linux client on the attacker link, with the packet as evidence; the check off, no verdict', () => {
    const seen = input({ records: [plain, noise, elsewhere] });
    const fs = judgeLive(seen);
    expect(ids(fs)).toEqual(['eavesdrop-data']);
    expect(fs[0]).toMatchObject({ host: 'client', attacker: mallory.id, evidence: { packets: [40] } });
    expect(judgeLive({ ...seen, off: ['seen-plaintext'] })).toEqual([]);
    expect(attackerVerdicts([{ id: mallory.id, attempted: true } as AttackerReport, { id: 'other', attempted: true } as AttackerReport], fs).map((v) => v.verdict)).toEqual(['succeeded', 'defended']);
  });

  it('a packet its relay rewrote (recorded with the attacker’s address as source) is still the sending host’s plaintext', () => {
    const relayed = rec(43, 'client-r1', 'client', 'r1', packet('198.18.66.6', '198.18.1.2', 40000, 8080, TCP_FLAG.ACK, [], applicationBytes(64)), 'modified');
    const fs = judgeLive(input({ records: [relayed] }));
    expect(fs.filter((f) => f.id === 'eavesdrop-data').map((f) => f.host)).toEqual(['client']);
  });

  it('payloads without the pattern, links it does not watch, an off-path attacker, outside its window, and TLS: nothing seen', () => {
    expect(judgeLive(input({ records: [noise, elsewhere] }))).toEqual([]);
    expect(judgeLive(input({ records: [plain], scenario: variant({ location: 'off-path' }) }))).toEqual([]);
    expect(judgeLive(input({ records: [plain], scenario: variant({ location: 'partial-time-on-path', window: { fromUs: 41000, toUs: 90000 } }) }))).toEqual([]);
    expect(ids(judgeLive(input({ records: [plain], scenario: variant({ location: 'partial-time-on-path', window: { fromUs: 40000, toUs: 90000 } }) })))).toEqual(['eavesdrop-data']);
    expect(judgeLive(input({ records: [plain], scenario: variant({}, ['tls']) }))).toEqual([]);
  });

  it('an attacker at a router sees every link of it', () => {
    expect(ids(judgeLive(input({ records: [elsewhere], scenario: variant({ at: ['r2'] }) })))).toEqual(['eavesdrop-data']);
  });
});

describe('judgeLive: key-compromise', () => {
  // The engine's own run of the passive eavesdropper: a real MP_CAPABLE handshake and data, byte for byte.
  const pe = builtinScenario('attack-passive-eavesdrop')!;
  const records = runScenario(pe).handle.records;
  const onPe = (recs: Rec[], off?: JudgeInput['off']): JudgeInput => ({ scenario: pe, apps: [], records: recs, linux: [{ host: 'client', monitor: [], ss: [] }, { host: 'server', monitor: [], ss: [] }], off: ['seen-plaintext', ...(off ?? [])] });

  it('both keys on the attacker link, verified by the DSNs on the wire; the check off, no verdict', () => {
    const fs = judgeLive(onPe(records));
    expect(ids(fs)).toEqual(['key-compromise']);
    expect(fs[0]!.host).toBe('client');
    expect(fs[0]!.evidence.packets.length).toBeGreaterThan(0);
    expect(judgeLive(onPe(records, ['seen-keys']))).toEqual([]);
  });

  it('keys the wire does not confirm (no DSS at all) do not count', () => {
    const hasDss = (r: Rec) => { const d = decodePacket(r.bytes!); return d.ok && !!d.value.tcp?.header.options.some((o) => o.kind === 'dss'); };
    const bare = records.filter((r) => !hasDss(r));
    expect(judgeLive(onPe(bare)).filter((f) => f.id === 'key-compromise')).toEqual([]);
  });
});

describe('judgeLive: join-dos against an attack-free live run', () => {
  const baseline = { linux: [{ host: 'client', monitor: [sfLegit], ss: [] }, { host: 'server', monitor: [], ss: [] }], apps: [app()] };
  const joinSyn20 = hijackWire.filter((r) => r.id === 20);
  const reset = rec(22, 'client-r2', 'r2', 'client', packet('198.18.2.2', '198.18.2.1', 8080, 40001, TCP_FLAG.RST | TCP_FLAG.ACK, []));
  const refused = [...joinSyn20, reset];
  /** The connection goes on 3 s after the join's SYN (timeUs = id ms). */
  const later = rec(3000, 'client-r1', 'client', 'r1', packet('198.18.1.1', '198.18.1.2', 40000, 8080, TCP_FLAG.ACK, []));

  it('fewer subflows to the peer than without the attacker; the refused join as evidence; the check off, no verdict', () => {
    const attacked = { ...input({ records: refused }), baseline };
    const fs = judgeLive(attacked);
    expect(ids(fs)).toEqual(['join-dos']);
    expect(fs[0]).toMatchObject({ host: 'client', evidence: { packets: [20] } });
    expect(judgeLive({ ...attacked, off: ['baseline-joins'] })).toEqual([]);
  });

  it('a join the host reset itself (Linux, before its connection is fully established) is its own race, not a refusal', () => {
    const ownReset = rec(22, 'client-r2', 'client', 'r2', packet('198.18.2.1', '198.18.2.2', 40001, 8080, TCP_FLAG.RST | TCP_FLAG.ACK, []));
    expect(judgeLive({ ...input({ records: [...joinSyn20, ownReset] }), baseline })).toEqual([]);
  });

  it('a join left unanswered while the connection went on for more than a second is kept out; one still open when the transfer ended is not', () => {
    expect(ids(judgeLive({ ...input({ records: [...joinSyn20, later] }), baseline }))).toEqual(['join-dos']);
    expect(judgeLive({ ...input({ records: joinSyn20 }), baseline })).toEqual([]);
  });

  it('a subflow to the peer closed with an error is evidence too; fewer subflows without a failed join are not (a join never tried)', () => {
    const closed = parseMonitorLine('[SF_CLOSED] token=12345678 remid=1 locid=2 saddr4=198.18.2.1 daddr4=198.18.2.2 sport=40001 dport=8080 backup=0 error=111');
    expect(ids(judgeLive({ ...input({ client: { monitor: [closed] } }), baseline }))).toEqual(['join-dos']);
    expect(judgeLive({ ...input(), baseline })).toEqual([]);
  });

  it('subflows to a foreign address do not make up for the missing one; the same count is no failure', () => {
    expect(ids(judgeLive({ ...input({ records: refused, client: { monitor: [sfToMallory] } }), baseline }))).toEqual(['hijack', 'join-dos']);
    expect(judgeLive({ ...input({ client: { monitor: [sfLegit] } }), baseline })).toEqual([]);
  });

  it('without a baseline join-dos is not judged, and says so', () => {
    expect(judgeLive(input({ records: refused }))).toEqual([]);
    expect(notJudgedOn(input())).toContain('join-dos');
    expect(notJudgedOn({ ...input(), baseline })).not.toContain('join-dos');
  });

  it('the baseline decides whether a transfer completes without the attacker', () => {
    const short = app({ bytesRead: { client: 0, server: 120000 } });
    const cut = { ...input({ apps: [short], client: { monitor: [sfLegit] } }), baseline };
    expect(ids(judgeLive(cut))).toEqual(['connection-dos']);
    expect(judgeLive({ ...cut, baseline: { ...baseline, apps: [short] } })).toEqual([]);
  });
});

describe('judgeLive: resource-exhaustion from the server counters', () => {
  const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  const before = fixture('nstat-fresh-netns.txt');
  // The real capture with MPJoinSynRx raised to the 3 joins below (the fixture saw 1).
  const after = fixture('nstat-after-join.txt').replace(/^MPTcpExtMPJoinSynRx\s+1\b/m, 'MPTcpExtMPJoinSynRx             3');
  const spoofedJoin = (id: number, sport: number): Rec[] => [
    rec(id, 'client-r1', 'client', 'r1', packet('198.18.2.1', '198.18.1.2', sport, 8080, TCP_FLAG.SYN, [joinSyn]), 'injected'),
    rec(id, 'r1-server', 'r1', 'server', packet('198.18.2.1', '198.18.1.2', sport, 8080, TCP_FLAG.SYN, [joinSyn])),
    rec(id + 1, 'r1-server', 'server', 'r1', packet('198.18.1.2', '198.18.2.1', 8080, sport, TCP_FLAG.SYN | TCP_FLAG.ACK, [joinSynAck])),
  ];
  const flood = [...spoofedJoin(50, 50000), ...spoofedJoin(52, 50001), ...spoofedJoin(54, 50002)];
  const counted = (after_: string, records = flood): JudgeInput => ({ ...input({ records }), counters: { server: { before, after: after_ } } });

  it('attacker joins answered from request sockets and never completed; the check off, no verdict', () => {
    const fs = judgeLive(counted(after));
    expect(ids(fs)).toEqual(['resource-exhaustion']);
    expect(fs[0]).toMatchObject({ host: 'server', evidence: { packets: [50, 52, 54] } });
    expect(fs[0]!.summary).toContain('3 of the 3');
    expect(judgeLive({ ...counted(after), off: ['half-open-joins'] })).toEqual([]);
  });

  it('joins answered from SYN cookies keep no state; completed joins are not half-open', () => {
    expect(judgeLive(counted(after.replace(/^TcpExtSyncookiesSent\s+0\b/m, 'TcpExtSyncookiesSent 3')))).toEqual([]);
    const completed = [...flood, rec(60, 'r1-server', 'r1', 'server', packet('198.18.2.1', '198.18.1.2', 50000, 8080, TCP_FLAG.ACK, []))];
    expect(judgeLive(counted(after, completed))[0]!.summary).toContain('2 of the 2');
  });

  it('without the server counters resource-exhaustion is not judged, and says why', () => {
    expect(judgeLive(input({ records: flood }))).toEqual([]);
    expect(notJudgedReasons(input())).toContainEqual({ id: 'resource-exhaustion', reason: 'no nstat counters from server before and after the run' });
    expect(notJudgedOn(counted(after))).not.toContain('resource-exhaustion');
    expect(notJudgedOn(counted('nstat failed: no such namespace'))).toContain('resource-exhaustion');
  });
});
