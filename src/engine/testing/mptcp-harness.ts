/**
 * Scripted exchanges with one MPTCP host (DESIGN.md §7): the test plays the
 * peer, segment by segment, with packets it builds and HMACs it computes,
 * and reads back exactly what the host sent and decided.
 */
import { deriveFromKey } from '../crypto/mptcp-crypto.ts';
import { Host } from '../host/host.ts';
import type { Link } from '../net/link.ts';
import { parseCidrAddress } from '../net/topology.ts';
import type { MptcpSettings } from '../mptcp/settings.ts';
import { MptcpStack } from '../mptcp/stack.ts';
import type { EventKind, EventOf, HostEvent } from '../sim/events.ts';
import { Simulation } from '../sim/simulation.ts';
import { decodePacket, type DecodedPacket } from '../wire/packet.ts';
import type { Dss, MptcpOption } from '../wire/mptcp/types.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { isMptcpOption } from '../wire/tcp-options.ts';
import { segment, type SegmentSpec } from './packet-builder.ts';

export const SERVER = '198.18.1.2';
export const SERVER2 = '198.18.2.2';

/** The scripted client's first four-tuple end, the server's listening one, the client's key and ISN. */
export const SCRIPT_CLIENT = '198.18.1.1:40000';
export const SCRIPT_SERVER = `${SERVER}:8080`;
export const SCRIPT_KEY = 0x0102030405060708n;
export const SCRIPT_ISN = 5000;

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
      versions: [settings.version ?? 1],
      allowJoinInitialAddrPort: true,
      macFollowsVersion: true,
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

  /** What the host sent since last asked; a call straight into the stack is flushed first, as the host's driver would. */
  take(): DecodedPacket[] {
    this.host.flush();
    return this.sent.splice(0).map((b) => {
      const d = decodePacket(b);
      if (!d.ok) throw d.error;
      return d.value;
    });
  }

  /** Every byte the server's application read, as text. */
  receivedText(): string {
    return new TextDecoder().decode(Uint8Array.from(this.received.flatMap((b) => [...b])));
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

/**
 * A v1 connection from the scripted client, opened with MP_CAPABLE `flags`
 * (0x01: HMAC-SHA256; 0x81 asks for checksums too): the harness, the
 * server's key and ISN, and both IDSNs.
 */
export function openV1(settings: Partial<MptcpSettings> = {}, flags = 0x01) {
  const h = new MptcpHarness(settings);
  const [synAck] = h.send({ from: SCRIPT_CLIENT, to: SCRIPT_SERVER, flags: TCP_FLAG.SYN, seq: SCRIPT_ISN, options: [{ kind: 'mp-capable', version: 1, flags }] });
  const mpc = mptcpOf(synAck)[0]!;
  if (mpc.kind !== 'mp-capable' || mpc.senderKey === undefined) throw new Error('no key in SYN/ACK');
  const keyB = mpc.senderKey;
  const isnS = synAck!.tcp!.header.seq;
  h.send({ from: SCRIPT_CLIENT, to: SCRIPT_SERVER, flags: TCP_FLAG.ACK, seq: SCRIPT_ISN + 1, ack: isnS + 1, options: [{ kind: 'mp-capable', version: 1, flags, senderKey: SCRIPT_KEY, receiverKey: keyB }] });
  return { h, keyB, isnS, idsnA: deriveFromKey(1, SCRIPT_KEY).idsn, idsnB: deriveFromKey(1, keyB).idsn };
}

/** A DSS with a 64-bit DSN mapping `len` bytes at subflow sequence `ssn` (and a DATA_FIN on request), as the scripted peer sends it. */
export function dssMapping(dsn: bigint, ssn: number, len: number, dataFin = false): Dss {
  return { kind: 'dss', dataFin, dataAck64: false, dsn64: true, reserved: 0, mapping: { dsn, ssn, dataLength: len } };
}
