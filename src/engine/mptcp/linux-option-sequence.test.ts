/**
 * The engine's handshakes put the same options, with the same lengths and
 * in the same places, as the Linux kernel in the committed capture of a
 * v1 connection with an ADD_ADDR and a join (fixtures/captures).
 */
import { describe, expect, it } from 'vitest';
import { exportPcap } from '../runner/pcap-export.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { optionShape as shape, tcpPackets as packets, type CapturedTcp as Pkt } from '../testing/capture-packets.ts';
import { readFixture } from '../testing/fixtures.ts';
import { twoPathScenario } from '../testing/scenarios.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';

/** The handshake steps of the first MPTCP connection and its first join, as option shapes. */
function steps(all: Pkt[]): Record<string, string> {
  const has = (p: Pkt, kind: string) => p.options.some((o) => o.kind === kind);
  const syn = all.find((p) => p.flags === TCP_FLAG.SYN && has(p, 'mp-capable'))!;
  const initial = all.filter((p) => p.flow === syn.flow);
  const joinSyn = all.find((p) => p.flags === TCP_FLAG.SYN && has(p, 'mp-join-syn'))!;
  const join = all.filter((p) => p.flow === joinSyn.flow);
  const joinAckAt = join.findIndex((p) => has(p, 'mp-join-ack'));
  const addAddr = all.find((p) => p.options.some((o) => o.kind === 'add-addr' && !o.echo))!;
  const echo = all.find((p) => p.options.some((o) => o.kind === 'add-addr' && o.echo))!;
  return {
    'SYN': shape(syn),
    'SYN/ACK': shape(initial.find((p) => p.flags === (TCP_FLAG.SYN | TCP_FLAG.ACK))!),
    'third ACK': shape(initial.find((p) => p.fromClient && p.flags === TCP_FLAG.ACK && has(p, 'mp-capable'))!),
    'ADD_ADDR': shape(addAddr),
    'ADD_ADDR echo': shape(echo),
    'MP_JOIN SYN': shape(joinSyn),
    'MP_JOIN SYN/ACK': shape(join.find((p) => p.flags === (TCP_FLAG.SYN | TCP_FLAG.ACK))!),
    'MP_JOIN ACK': shape(join[joinAckAt]!),
    // The fourth ACK carries a DSS with a DATA_ACK: 32 bits until the peer has sent 64-bit DSNs, as in Linux.
    'fourth ACK': shape(join.slice(joinAckAt + 1).find((p) => !p.fromClient)!).replace(/dss:(8|12)/, 'dss:<ack>'),
  };
}

describe('option sequence against Linux', () => {
  it('a v1 connection with ADD_ADDR and a join: same options, same lengths, same order at every handshake step', () => {
    const linux = steps(packets(readFixture('v1-two-subflows-add-addr.pcap')));
    const sim = steps(packets(exportPcap(runScenario(twoPathScenario('mptcp-v1')).handle.records)));
    expect(sim).toEqual(linux);
    expect(linux).toMatchObject({ SYN: 'mss sack-permitted timestamps nop window-scale mp-capable:4', 'MP_JOIN ACK': 'nop nop timestamps mp-join-ack:24' });
  });
});
