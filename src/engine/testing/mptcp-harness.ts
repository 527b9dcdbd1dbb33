/**
 * Scripted exchanges with one MPTCP host (DESIGN.md §7): the test plays the
 * peer, segment by segment, with packets it builds and HMACs it computes,
 * and reads back exactly what the host sent and decided.
 */
import { Host } from '../host/host.ts';
import type { Link } from '../net/link.ts';
import { parseCidrAddress } from '../net/topology.ts';
import type { MptcpSettings } from '../mptcp/settings.ts';
import { MptcpStack } from '../mptcp/stack.ts';
import type { EventKind, EventOf, HostEvent } from '../sim/events.ts';
import { Simulation } from '../sim/simulation.ts';
import { decodePacket, type DecodedPacket } from '../wire/packet.ts';
import type { MptcpOption } from '../wire/mptcp/types.ts';
import { isMptcpOption } from '../wire/tcp-options.ts';
import { segment, type SegmentSpec } from './packet-builder.ts';

export const SERVER = '198.18.1.2';
export const SERVER2 = '198.18.2.2';

export class MptcpHarness {
  readonly sim = new Simulation(7);
  readonly host: Host;
  readonly stack: MptcpStack;
  private readonly sent: Uint8Array[] = [];
  readonly received: Uint8Array[] = [];
  private packetId = 1000;

  constructor(settings: Partial<MptcpSettings> = {}) {
    this.host = new Host(this.sim, { id: 'server', interfaces: [{ id: 'e0', addresses: [`${SERVER}/24`] }, { id: 'e1', addresses: [`${SERVER2}/24`] }] }, [
      [parseCidrAddress(SERVER)],
      [parseCidrAddress(SERVER2)],
    ]);
    const fake = { send: (_end: 0 | 1, bytes: Uint8Array) => this.sent.push(bytes) } as unknown as Link;
    this.host.attach(0, fake, 0);
    this.host.attach(1, fake, 0);
    this.stack = new MptcpStack(this.host, {
      version: 1,
      checksums: false,
      scheduler: 'lowest-rtt',
      congestionControl: 'newreno',
      pathManager: { endpoints: [], limits: { subflows: 2, addAddrAccepted: 1 } },
      mitigations: new Set(),
      halfOpenJoinLimit: null,
      receiveBufferBytes: 1 << 20,
      dhKeys: false,
      mac: 'hmac-sha256',
      addAddrMac: 'hmac-sha256',
      ...settings,
    });
    this.stack.listen(8080, () => ({ onData: (_s, b) => this.received.push(b.slice()) }));
  }

  /** Delivers a segment from the scripted peer at time `atUs`; returns what the host sent in answer. */
  send(spec: SegmentSpec, atUs = this.sim.now + 1000): DecodedPacket[] {
    this.sim.now = atUs;
    this.host.receive(0, segment(spec), this.packetId++);
    return this.take();
  }

  take(): DecodedPacket[] {
    return this.sent.splice(0).map((b) => {
      const d = decodePacket(b);
      if (!d.ok) throw d.error;
      return d.value;
    });
  }

  events(): HostEvent[];
  events<K extends EventKind>(kind: K): EventOf<K>[];
  events(kind?: EventKind): HostEvent[] {
    return this.sim.trace.events.filter((e) => kind === undefined || e.kind === kind);
  }
}

export function mptcpOf(p: DecodedPacket | undefined): MptcpOption[] {
  return p?.tcp?.header.options.filter(isMptcpOption) ?? [];
}
