/**
 * The engine's handshakes put the same options, with the same lengths and
 * in the same places, as the Linux kernel in the committed capture of a
 * v1 connection with an ADD_ADDR and a join (fixtures/captures).
 */
import { describe, expect, it } from 'vitest';
import { CaptureReader } from '../pcap/reader.ts';
import { linkLayerPayload } from '../pcap/link-layer.ts';
import { exportPcap } from '../runner/pcap-export.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { readFixture } from '../testing/fixtures.ts';
import { twoPathScenario } from '../testing/scenarios.ts';
import { mptcpOptionByteLength } from '../wire/mptcp/mptcp-option.ts';
import { decodePacket } from '../wire/packet.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { isMptcpOption, type TcpOption } from '../wire/tcp-options.ts';

interface Pkt {
  flow: string;
  fromClient: boolean;
  flags: number;
  options: readonly TcpOption[];
}

function packets(file: Uint8Array): Pkt[] {
  const out: Pkt[] = [];
  const firstSender = new Map<string, string>();
  new CaptureReader({
    packet: (p) => {
      const l = linkLayerPayload(p.linkType, p.data);
      if (!l.ok || l.value.network === 'other') return;
      const d = decodePacket(p.data.subarray(l.value.offset), { version: 1 });
      if (!d.ok || !d.value.tcp) return;
      const h = d.value.tcp.header;
      const a = `${[...d.value.ip.src.bytes]}:${h.srcPort}`;
      const b = `${[...d.value.ip.dst.bytes]}:${h.dstPort}`;
      const flow = a < b ? `${a}|${b}` : `${b}|${a}`;
      if (!firstSender.has(flow)) firstSender.set(flow, a);
      out.push({ flow, fromClient: firstSender.get(flow) === a, flags: h.flags, options: h.options });
    },
  }).push(file);
  return out;
}

const shape = (p: Pkt) => p.options.map((o) => (isMptcpOption(o) ? `${o.kind}:${mptcpOptionByteLength(o)}` : o.kind)).join(' ');

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
