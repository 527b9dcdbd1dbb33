/**
 * "Check it yourself" for the inspector: a receiver's HMAC check in a
 * simulated run spelled out — the key (two 64-bit keys, from the receiver's
 * connection state), the message, the value the keys give and the value on
 * the wire. ADD_ADDR: sender's key ‖ receiver's over address ID ‖ address ‖
 * port (RFC 8684 §3.4.1); MP_JOIN: the sender's key and nonce first, the
 * nonces taken from the handshake's earlier packets (RFC 8684 §3.2).
 */
import { addAddrHmac, decodePacket, formatIp, hex32, hex64, joinAckHmac, joinSynAckHmac, toHex, type DecodedPacket, type RunHandle, type Scenario } from '../engine/index.ts';
import type { HmacCheck } from './protocol.ts';

type Truth = RunHandle['truth'][number];

interface Endpoints {
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
}

function endpointsOf(p: DecodedPacket): Endpoints {
  const h = p.tcp!.header;
  return { src: formatIp(p.ip.src), dst: formatIp(p.ip.dst), srcPort: h.srcPort, dstPort: h.dstPort };
}

/** The receiving host's connection: the one with a subflow from the packet's source to its destination. */
function receiverOf(handle: RunHandle, e: Endpoints): Truth | undefined {
  return handle.truth.find((c) => c.subflows.some((f) => formatIp(f.local.addr) === e.dst && f.local.port === e.dstPort && formatIp(f.remote.addr) === e.src && f.remote.port === e.srcPort));
}

/** MP_JOIN HMAC checks of a frame: the SYN/ACK's 64 bits checked by the initiator, the third ACK's 160 checked by the responder (RFC 8684 §3.2). */
export function joinChecks(s: Scenario, handle: RunHandle, frames: readonly { bytes?: Uint8Array; link: string }[], index: number): HmacCheck[] {
  // With address-bound HMACs (a what-if) the message also carries the addresses; those runs are left to the field tree.
  if (s.mptcp.mitigations.includes('address-bound-join-hmac')) return [];
  const version = s.protocol === 'mptcp-v0' ? 0 : 1;
  const decode = (i: number) => {
    const b = frames[i]?.bytes;
    const d = b ? decodePacket(b, { version }) : null;
    return d?.ok && d.value.tcp ? d.value : null;
  };
  const p = decode(index);
  if (!p) return [];
  const e = endpointsOf(p);
  const options = p.tcp!.header.options;
  const synAck = options.find((o) => o.kind === 'mp-join-syn-ack');
  const ack = options.find((o) => o.kind === 'mp-join-ack');
  if (!synAck && !ack) return [];
  // The handshake's earlier packets on the same link (so a NAT's rewriting is the same): the SYN from the initiator, the SYN/ACK back.
  const initiatorSide = synAck ? { src: e.dst, srcPort: e.dstPort } : { src: e.src, srcPort: e.srcPort };
  let rA: number | undefined;
  let rB: number | undefined = synAck?.kind === 'mp-join-syn-ack' ? synAck.nonce : undefined;
  for (let i = index - 1; i >= 0 && index - i < 5000 && (rA === undefined || rB === undefined); i--) {
    if (frames[i]!.link !== frames[index]!.link) continue;
    const q = decode(i);
    if (!q) continue;
    const f = endpointsOf(q);
    const fromInitiator = f.src === initiatorSide.src && f.srcPort === initiatorSide.srcPort;
    const sameFlow = fromInitiator ? f.dst === (synAck ? e.src : e.dst) && f.dstPort === (synAck ? e.srcPort : e.dstPort) : f.dst === initiatorSide.src && f.dstPort === initiatorSide.srcPort;
    if (!sameFlow) continue;
    for (const o of q.tcp!.header.options) {
      if (o.kind === 'mp-join-syn' && fromInitiator) rA ??= o.nonce;
      if (o.kind === 'mp-join-syn-ack' && !fromInitiator) rB ??= o.nonce;
    }
  }
  const receiver = receiverOf(handle, e);
  if (rA === undefined || rB === undefined || !receiver || receiver.remoteKey === null) return [];
  const mac = s.mptcp.macAlgorithm === 'version-default' ? version : s.mptcp.macAlgorithm;
  const macName = typeof mac === 'number' ? (mac === 0 ? 'HMAC-SHA1' : 'HMAC-SHA256') : mac.toUpperCase();
  if (synAck?.kind === 'mp-join-syn-ack') {
    // The initiator checks: Key-B ‖ Key-A over R-B ‖ R-A, its own key second.
    const expected = joinSynAckHmac(mac, receiver.remoteKey, receiver.localKey, rB, rA);
    return [
      {
        what: `MP_JOIN SYN/ACK, checked by ${receiver.host} (the initiator)`,
        algorithm: `leftmost 64 bits of ${macName}`,
        key: `${hex64(receiver.remoteKey)} ‖ ${hex64(receiver.localKey)} (Key-B, the responder's, ‖ Key-A, ${receiver.host}'s own)`,
        message: `${hex32(rB)} ‖ ${hex32(rA)} (R-B from this SYN/ACK ‖ R-A from the SYN)`,
        expected: hex64(expected),
        received: hex64(synAck.truncatedHmac),
        matches: expected === synAck.truncatedHmac,
      },
    ];
  }
  if (ack?.kind !== 'mp-join-ack') return [];
  // The responder checks: Key-A ‖ Key-B over R-A ‖ R-B, 160 bits.
  const expected = toHex(joinAckHmac(mac, receiver.remoteKey, receiver.localKey, rA, rB));
  const received = toHex(ack.hmac);
  return [
    {
      what: `MP_JOIN third ACK, checked by ${receiver.host} (the responder)`,
      algorithm: `leftmost 160 bits of ${macName}`,
      key: `${hex64(receiver.remoteKey)} ‖ ${hex64(receiver.localKey)} (Key-A, the initiator's, ‖ Key-B, ${receiver.host}'s own)`,
      message: `${hex32(rA)} ‖ ${hex32(rB)} (R-A from the SYN ‖ R-B from the SYN/ACK)`,
      expected,
      received,
      matches: expected === received,
    },
  ];
}

export function addAddrChecks(s: Scenario, handle: RunHandle, bytes: Uint8Array | undefined): HmacCheck[] {
  if (!bytes) return [];
  const d = decodePacket(bytes, { version: s.protocol === 'mptcp-v0' ? 0 : 1 });
  if (!d.ok || !d.value.tcp) return [];
  const p = d.value;
  const h = p.tcp!.header;
  const receiver = receiverOf(handle, endpointsOf(p));
  if (!receiver || receiver.remoteKey === null) return [];
  const mac = s.mptcp.macAlgorithm === 'version-default' ? 'hmac-sha256' : s.mptcp.macAlgorithm;
  const out: HmacCheck[] = [];
  for (const o of h.options) {
    if (o.kind !== 'add-addr' || o.echo || o.hmac === undefined) continue;
    const expected = addAddrHmac(receiver.remoteKey, receiver.localKey, o.addressId, o.address, o.port, mac);
    const msg = new Uint8Array(1 + o.address.bytes.length + 2);
    msg[0] = o.addressId;
    msg.set(o.address.bytes, 1);
    msg[msg.length - 2] = (o.port ?? 0) >> 8;
    msg[msg.length - 1] = (o.port ?? 0) & 0xff;
    out.push({
      what: `ADD_ADDR ID ${o.addressId} ${formatIp(o.address)}${o.port ? ` port ${o.port}` : ''}, checked by ${receiver.host}`,
      algorithm: `rightmost 64 bits of ${mac.toUpperCase()}`,
      key: `${hex64(receiver.remoteKey)} ‖ ${hex64(receiver.localKey)} (the sender's key, as ${receiver.host} holds it, ‖ ${receiver.host}'s own)`,
      message: `${toHex(msg)} (address ID ‖ address ‖ port${o.port ? '' : ' 0'})`,
      expected: hex64(expected),
      received: hex64(o.hmac),
      matches: expected === o.hmac,
    });
  }
  return out;
}
