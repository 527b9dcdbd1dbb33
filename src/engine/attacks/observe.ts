/**
 * Learning from one observed packet: the four-tuple, the sequence space of
 * each direction, and everything MPTCP puts in clear — keys in MP_CAPABLE
 * (and the token and IDSN they give), tokens and nonces in MP_JOIN, data
 * sequence numbers in DSS, announced addresses — and whether application
 * bytes went by in clear. Only what the bytes show; never a host's state.
 */
import { deriveFromKey, type MptcpVersion } from '../crypto/mptcp-crypto.ts';
import { formatEndpoint, formatIp } from '../wire/ip-address.ts';
import type { DecodedPacket } from '../wire/packet.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import type { FlowView, KnowledgeBase } from './knowledge.ts';

/** "198.18.1.1:40000 → 198.18.1.2:8080", the direction the packet travels. */
export function flowKey(d: DecodedPacket): string {
  const h = d.tcp!.header;
  return `${formatEndpoint(d.ip.src, h.srcPort)} → ${formatEndpoint(d.ip.dst, h.dstPort)}`;
}

/** The same text for both directions: client → server, the client being the SYN's sender when the SYN was seen. */
function connectionKey(kb: KnowledgeBase, d: DecodedPacket): string {
  const h = d.tcp!.header;
  const forward = flowKey(d);
  const backward = `${formatEndpoint(d.ip.dst, h.dstPort)} → ${formatEndpoint(d.ip.src, h.srcPort)}`;
  if (kb.connections.has(forward)) return forward;
  if (kb.connections.has(backward)) return backward;
  // First sight: a SYN comes from the client, a SYN/ACK from the server; mid-connection, the client is
  // the end with the higher (ephemeral) port.
  if (h.flags & TCP_FLAG.SYN) return h.flags & TCP_FLAG.ACK ? backward : forward;
  return h.srcPort >= h.dstPort ? forward : backward;
}

/** `tls`: the hosts run TLS (which anyone can see on the wire), so payload is ciphertext, not application data. */
export function learnFromPacket(kb: KnowledgeBase, d: DecodedPacket, timeUs: number, packetId: number, tls = false): void {
  const t = d.tcp;
  if (!t) return;
  const h = t.header;
  const key = flowKey(d);
  const conn = connectionKey(kb, d);
  let flow = kb.flows.get(key);
  if (!flow) {
    kb.record({ timeUs, kind: 'four-tuple', value: conn, about: conn, packetId }); // once per connection: facts are unique
    if (!kb.connections.has(conn)) {
      const fromClient = conn === key;
      const here = { addr: d.ip.src, port: h.srcPort };
      const there = { addr: d.ip.dst, port: h.dstPort };
      kb.connections.set(conn, { key: conn, client: fromClient ? here : there, server: fromClient ? there : here, sawSyn: (h.flags & TCP_FLAG.SYN) !== 0 });
    }
    kb.record({ timeUs, kind: 'sequence-numbers', value: `seq ${h.seq >>> 0} ack ${h.ack >>> 0}`, about: key, packetId });
    flow = { src: d.ip.src, dst: d.ip.dst, srcPort: h.srcPort, dstPort: h.dstPort, nextSeq: 0, ack: 0, window: 0, tsVal: null, tsOnSyn: false, nextDsn: null, dataAck: null, plaintextBytes: 0, ssnBase: null, checksums: false, mappingLength: 0, lastSeenUs: timeUs, lastPacketId: packetId };
    kb.flows.set(key, flow);
  }
  const payload = d.payloadLength;
  const span = payload + (h.flags & TCP_FLAG.SYN ? 1 : 0) + (h.flags & TCP_FLAG.FIN ? 1 : 0);
  flow.nextSeq = (h.seq + span) >>> 0;
  // Relative subflow sequence numbers count from the ISN (RFC 8684 §3.3.1).
  if (h.flags & TCP_FLAG.SYN) flow.ssnBase = h.seq >>> 0;
  flow.ack = h.ack >>> 0;
  flow.window = h.window;
  flow.lastSeenUs = timeUs;
  flow.lastPacketId = packetId;

  let version: MptcpVersion = 1;
  for (const o of h.options) {
    switch (o.kind) {
      case 'timestamps':
        flow.tsVal = o.tsval;
        flow.tsOnSyn = (h.flags & TCP_FLAG.SYN) !== 0;
        break;
      case 'mp-capable': {
        version = o.version === 0 ? 0 : 1;
        kb.versions.set(conn, version);
        const derive = (k: bigint) => deriveFromKey(version, k);
        const pair = kb.keyPairs.get(conn) ?? {};
        kb.keyPairs.set(conn, pair);
        // The sender's key belongs to the packet's source; in the third ACK the receiver's key is the other side's.
        const fromClient = key === conn;
        if (o.senderKey !== undefined) {
          kb.learnKey(o.senderKey, conn, timeUs, packetId, derive);
          if (fromClient) pair.client = o.senderKey;
          else pair.server = o.senderKey;
        }
        if (o.receiverKey !== undefined) {
          kb.learnKey(o.receiverKey, conn, timeUs, packetId, derive);
          if (fromClient) pair.server = o.receiverKey;
          else pair.client = o.receiverKey;
        }
        break;
      }
      case 'mp-join-syn':
        kb.learnToken(o.token, conn, timeUs, packetId);
        kb.record({ timeUs, kind: 'nonce', value: o.nonce.toString(16).padStart(8, '0'), about: key, packetId });
        break;
      case 'mp-join-syn-ack':
        kb.record({ timeUs, kind: 'nonce', value: o.nonce.toString(16).padStart(8, '0'), about: key, packetId });
        break;
      case 'dss':
        if (o.dataAck !== undefined) flow.dataAck = o.dataAck;
        if (o.mapping) {
          if (flow.ssnBase === null && payload > 0) flow.ssnBase = (h.seq - o.mapping.ssn) >>> 0; // assumes the segment starts its mapping, as this engine's always do
          if (o.mapping.checksum !== undefined) flow.checksums = true;
          // The longest mapping is the sender's full chunk; shorter ones are tails cut by the window.
          if (payload > 0) flow.mappingLength = Math.max(flow.mappingLength, o.mapping.dataLength - (o.dataFin ? 1 : 0));
        }
        if (o.mapping && o.dsn64) {
          if (flow.nextDsn === null) kb.record({ timeUs, kind: 'dsn', value: o.mapping.dsn.toString(), about: key, packetId });
          flow.nextDsn = o.mapping.dsn + BigInt(o.mapping.dataLength);
        }
        break;
      case 'add-addr':
        if (!o.echo && o.hmac !== undefined) kb.addAddrHmacSeen.add(conn);
        if (!o.echo) kb.record({ timeUs, kind: 'address', value: `${formatIp(o.address)}${o.port !== undefined ? ` port ${o.port}` : ''} (ID ${o.addressId})`, about: conn, packetId });
        break;
      default:
        break;
    }
  }
  if (payload > 0 && tls) kb.record({ timeUs, kind: 'ciphertext', value: 'TLS records', about: key, packetId });
  else if (payload > 0) {
    if (flow.plaintextBytes === 0) kb.record({ timeUs, kind: 'plaintext', value: `${payload} bytes`, about: key, packetId });
    flow.plaintextBytes += payload;
  }
}

export type { FlowView };
