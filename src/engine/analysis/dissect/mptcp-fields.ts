/**
 * Field trees for every MPTCP option, with byte offsets (RFC 8684 §3 figures).
 * `at` is the option's first byte within the frame.
 */
import { hex32, hex64, toHex } from '../../core/hex.ts';
import { deriveFromKey } from '../../crypto/mptcp-crypto.ts';
import { formatIp } from '../../wire/ip-address.ts';
import { mptcpOptionName } from '../../wire/mptcp/mptcp-option.ts';
import { MPC_FLAG, MP_TCPRST_REASONS, type MptcpOption } from '../../wire/mptcp/types.ts';
import { field, flagBit, type FieldNode } from './field.ts';

const SUBTYPE_NAMES = ['MP_CAPABLE', 'MP_JOIN', 'DSS', 'ADD_ADDR', 'REMOVE_ADDR', 'MP_PRIO', 'MP_FAIL', 'MP_FASTCLOSE', 'MP_TCPRST'];

function keyField(label: string, key: bigint, version: number, at: number): FieldNode {
  const v = version === 0 ? 0 : 1;
  const d = deriveFromKey(v, key);
  return field(label, hex64(key), at, 8, {
    note: `token ${hex32(d.token)}, IDSN ${hex64(d.idsn)} (first 32 and last 64 bits of ${v === 0 ? 'SHA-1' : 'SHA-256'}(key))`,
  });
}

export function mptcpOptionFields(o: MptcpOption, at: number, length: number, subtype: number): FieldNode {
  const children: FieldNode[] = [
    field('Kind', '30 (Multipath TCP)', at, 1),
    field('Length', String(length), at + 1, 1),
    field('Subtype', `${subtype} (${SUBTYPE_NAMES[subtype] ?? 'unassigned'})`, at + 2, 1, { mask: 0xf0 }),
  ];
  const add = (n: FieldNode) => children.push(n);
  switch (o.kind) {
    case 'mp-capable': {
      add(field('Version', String(o.version), at + 2, 1, { mask: 0x0f }));
      add(
        field('Flags', `0x${o.flags.toString(16).padStart(2, '0')}`, at + 3, 1, {
          children: [
            flagBit('A: checksum required', (o.flags & MPC_FLAG.A) !== 0, at + 3, MPC_FLAG.A),
            flagBit('B: extensibility', (o.flags & MPC_FLAG.B) !== 0, at + 3, MPC_FLAG.B),
            flagBit('C: no joins to this address', (o.flags & MPC_FLAG.C) !== 0, at + 3, MPC_FLAG.C),
            field('D–G: unassigned crypto bits', String((o.flags >> 1) & 0xf), at + 3, 1, { mask: 0x1e }),
            flagBit(`H: ${o.version === 0 ? 'HMAC-SHA1' : 'HMAC-SHA256'}`, (o.flags & MPC_FLAG.H) !== 0, at + 3, MPC_FLAG.H),
          ],
        }),
      );
      if (o.senderKey !== undefined) add(keyField("Sender's key", o.senderKey, o.version, at + 4));
      if (o.receiverKey !== undefined) add(keyField("Receiver's key", o.receiverKey, o.version, at + 12));
      if (o.dataLength !== undefined) add(field('Data-level length', String(o.dataLength), at + 20, 2));
      if (o.checksum !== undefined) add(field('Checksum', `0x${o.checksum.toString(16).padStart(4, '0')}`, at + 22, 2));
      break;
    }
    case 'mp-join-syn':
      add(flagBit('B: backup', o.backup, at + 2, 0x01));
      add(field('Address ID', String(o.addressId), at + 3, 1));
      add(field("Receiver's token", hex32(o.token), at + 4, 4, { note: "the first 32 bits of the hash of the receiver's key" }));
      add(field("Sender's random number", hex32(o.nonce), at + 8, 4));
      break;
    case 'mp-join-syn-ack':
      add(flagBit('B: backup', o.backup, at + 2, 0x01));
      add(field('Address ID', String(o.addressId), at + 3, 1));
      add(field("Sender's truncated HMAC", hex64(o.truncatedHmac), at + 4, 8, { note: "leftmost 64 bits of HMAC(responder key ‖ initiator key, responder nonce ‖ initiator nonce)" }));
      add(field("Sender's random number", hex32(o.nonce), at + 12, 4));
      break;
    case 'mp-join-ack':
      add(field("Sender's HMAC", toHex(o.hmac), at + 4, 20, { note: 'HMAC(initiator key ‖ responder key, initiator nonce ‖ responder nonce), 160 bits' }));
      if (o.stateless) {
        add(field("Receiver's token", hex32(o.stateless.token), at + 24, 4, { note: 'stateless-join what-if (RFC 7430 §3.1): repeated from the SYN' }));
        add(field("Sender's random number", hex32(o.stateless.nonce), at + 28, 4, { note: 'stateless-join what-if (RFC 7430 §3.1): repeated from the SYN' }));
      }
      break;
    case 'dss': {
      const f = at + 3;
      add(
        field('Flags', '', f, 1, {
          children: [
            flagBit('F: DATA_FIN', o.dataFin, f, 0x10),
            flagBit('m: DSN is 8 octets', o.dsn64, f, 0x08),
            flagBit('M: mapping present', o.mapping !== undefined, f, 0x04),
            flagBit('a: Data ACK is 8 octets', o.dataAck64, f, 0x02),
            flagBit('A: Data ACK present', o.dataAck !== undefined, f, 0x01),
          ],
        }),
      );
      let p = at + 4;
      if (o.dataAck !== undefined) {
        const n = o.dataAck64 ? 8 : 4;
        add(field('Data ACK', o.dataAck.toString(), p, n));
        p += n;
      }
      if (o.mapping) {
        const n = o.dsn64 ? 8 : 4;
        add(field('Data sequence number', o.mapping.dsn.toString(), p, n));
        p += n;
        add(field('Subflow sequence number (relative)', String(o.mapping.ssn), p, 4));
        p += 4;
        add(field('Data-level length', String(o.mapping.dataLength), p, 2, o.mapping.dataLength === 0 ? { note: 'infinite mapping: fallback to TCP' } : {}));
        p += 2;
        if (o.mapping.checksum !== undefined) add(field('Checksum', `0x${o.mapping.checksum.toString(16).padStart(4, '0')}`, p, 2));
      }
      break;
    }
    case 'add-addr': {
      if (o.version === 0) add(field('IP version', String(o.address.family), at + 2, 1, { mask: 0x0f }));
      else add(flagBit('E: echo', o.echo, at + 2, 0x01));
      add(field('Address ID', String(o.addressId), at + 3, 1));
      const alen = o.address.bytes.length;
      add(field(o.address.family === 4 ? 'IPv4 address' : 'IPv6 address', formatIp(o.address), at + 4, alen));
      let p = at + 4 + alen;
      if (o.port !== undefined) {
        add(field('Port', String(o.port), p, 2));
        p += 2;
      }
      if (o.hmac !== undefined) add(field('Truncated HMAC', hex64(o.hmac), p, 8, { note: "rightmost 64 bits of HMAC-SHA256(sender key ‖ receiver key, ID ‖ address ‖ port)" }));
      break;
    }
    case 'remove-addr':
      o.addressIds.forEach((id, i) => add(field('Address ID', String(id), at + 3 + i, 1)));
      break;
    case 'mp-prio':
      add(flagBit('B: backup', o.backup, at + 2, 0x01));
      if (o.addressId !== undefined) add(field('Address ID (v0)', String(o.addressId), at + 3, 1));
      break;
    case 'mp-fail':
      add(field('Data sequence number', o.dsn.toString(), at + 4, 8));
      break;
    case 'mp-fastclose':
      add(field("Option receiver's key", hex64(o.receiverKey), at + 4, 8, { note: 'the peer acts on it only if it equals its own key' }));
      break;
    case 'mp-tcprst':
      add(flagBit('T: transient', o.transient, at + 2, 0x01));
      add(field('Reason', `${o.reason} (${MP_TCPRST_REASONS[o.reason] ?? 'unassigned'})`, at + 3, 1));
      break;
    case 'mptcp-unknown':
      add(field('Data', toHex(o.data), at + 3, o.data.length));
      break;
  }
  return field(mptcpOptionName(o), '', at, length, { kind: 'mptcp-option', optionKind: o.kind, children });
}
