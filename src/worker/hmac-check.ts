/**
 * "Check it yourself" for the inspector: for an ADD_ADDR with an HMAC in a
 * simulated run, the receiver's HMAC check spelled out — the key (sender's
 * key ‖ receiver's key, from the receiver's connection state), the message
 * (address ID ‖ address ‖ port), the value the keys give and the value on
 * the wire (RFC 8684 §3.4.1).
 */
import { addAddrHmac, decodePacket, formatIp, hex64, toHex, type RunHandle, type Scenario } from '../engine/index.ts';
import type { HmacCheck } from './protocol.ts';

export function addAddrChecks(s: Scenario, handle: RunHandle, bytes: Uint8Array | undefined): HmacCheck[] {
  if (!bytes) return [];
  const d = decodePacket(bytes, { version: s.protocol === 'mptcp-v0' ? 0 : 1 });
  if (!d.ok || !d.value.tcp) return [];
  const p = d.value;
  const h = p.tcp!.header;
  const src = formatIp(p.ip.src);
  const dst = formatIp(p.ip.dst);
  // The receiver's connection: the one with a subflow from this packet's source to its destination.
  const receiver = handle.truth.find((c) =>
    c.subflows.some((f) => formatIp(f.local.addr) === dst && f.local.port === h.dstPort && formatIp(f.remote.addr) === src && f.remote.port === h.srcPort),
  );
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
