/**
 * What a run's result reports of its hosts and connections, read from the
 * hosts' own state after the run: packets as JSON, subflow and connection
 * statistics, and the connections' ground truth for the monitors.
 */
import { hex32, hex64, toHex } from '../core/hex.ts';
import { summarizeDecoded } from '../analysis/packet-summary.ts';
import type { Host } from '../host/host.ts';
import type { ConnectionTruth } from '../monitors/monitor.ts';
import type { PacketRecord } from '../sim/trace.ts';
import { decodePacket } from '../wire/packet.ts';
import { formatEndpoint, formatIp } from '../wire/ip-address.ts';
import type { Transport } from './transport.ts';
import type { ConnectionStats, PacketJson, SubflowStats } from './run-scenario.ts';

/** Every packet record with its bytes as hex and a one-line summary (`lab run --json`). */
export function packetJsonOf(records: readonly PacketRecord[]): PacketJson[] {
  return records.map((p) => {
    const bytes = p.bytes!;
    const d = decodePacket(bytes);
    const summary = d.ok ? `${formatIp(d.value.ip.src)} → ${formatIp(d.value.ip.dst)} ${summarizeDecoded(d.value).info}` : 'undecodable';
    const base: PacketJson = { id: p.id, timeUs: p.timeUs, link: p.link, from: p.from, to: p.to, length: p.length, fate: p.fate, summary, hex: toHex(bytes) };
    if (p.reason) base.reason = p.reason;
    return base;
  });
}

export function subflowStatsOf(hosts: Iterable<Host>): SubflowStats[] {
  const out: SubflowStats[] = [];
  for (const host of hosts) {
    for (const ep of host.history) {
      out.push({
        host: host.id,
        local: formatEndpoint(ep.localAddr, ep.localPort),
        remote: formatEndpoint(ep.remoteAddr, ep.remotePort),
        state: ep.state,
        bytesSentAcked: ep.bytesAcked,
        bytesReceived: ep.bytesReceived,
        retransmissions: ep.segmentsRetransmitted,
        srttUs: ep.rtt.srttUs === null ? null : Math.round(ep.rtt.srttUs),
        cwndBytes: Math.round(ep.cc.cwnd),
      });
    }
  }
  return out;
}

export function connectionStatsOf(transport: Transport): ConnectionStats[] {
  const out: ConnectionStats[] = [];
  for (const stack of transport.stacks.values()) {
    for (const c of stack.connections) {
      out.push({
        host: stack.host.id,
        role: c.role,
        version: c.version,
        localKey: hex64(c.localKey),
        remoteKey: c.remoteKey === null ? null : hex64(c.remoteKey),
        localToken: hex32(c.localToken),
        remoteToken: c.remoteToken === null ? null : hex32(c.remoteToken),
        fallback: c.fallback,
        checksums: c.checksums,
        subflows: c.subflows.length,
        bytesDataAcked: Math.min(Number(c.sndUna - c.localIdsn - 1n), c.out.totalTaken),
        state: c.state,
        closedReason: c.closedReason,
      });
    }
  }
  return out;
}

export function connectionTruthOf(transport: Transport): ConnectionTruth[] {
  const truth: ConnectionTruth[] = [];
  for (const stack of transport.stacks.values()) {
    for (const c of stack.connections) {
      const subflows = c.subflows.map((sf) => ({
        kind: sf.kind,
        initiator: sf.initiator,
        local: { addr: sf.ep.localAddr, port: sf.ep.localPort },
        remote: { addr: sf.ep.remoteAddr, port: sf.ep.remotePort },
        joinedAtUs: sf.joinedAtUs,
        accepted: sf.accepted,
      }));
      const out = c.out;
      const wrote = (offset: number, length: number): Uint8Array | null => {
        if (offset < 0 || offset + length > out.totalWritten) return null;
        const buf = new Uint8Array(length);
        out.fillRange(buf, 0, offset, length);
        return buf;
      };
      truth.push({ host: stack.host.id, role: c.role, version: c.version, localKey: c.localKey, remoteKey: c.remoteKey, localIdsn: c.localIdsn, remoteIdsn: c.remoteIdsn, fallback: c.fallback, subflows, wrote });
    }
  }
  return truth;
}
