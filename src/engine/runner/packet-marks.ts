/**
 * What a TCP segment carries, as timeline `MARK` bits, and its DSS mapping:
 * one reading shared by a simulated run's timeline and a capture's.
 */
import type { DecodedPacket } from '../wire/packet.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';
import { MARK } from './timeline-codes.ts';

export interface PacketMarks {
  marks: number;
  /** The DSS mapping of data (a mapping of length 0 is an infinite one, not data: left out). */
  mapping: { dsn: bigint; dataLength: number } | null;
}

/** The marks of a decoded TCP packet; null for a packet that is not TCP. */
export function packetMarks(p: DecodedPacket): PacketMarks | null {
  const tcp = p.tcp;
  if (!tcp) return null;
  const h = tcp.header;
  let m = 0;
  let mapping: PacketMarks['mapping'] = null;
  if (h.flags & TCP_FLAG.SYN) m |= MARK.SYN;
  if (h.flags & TCP_FLAG.FIN) m |= MARK.FIN;
  if (h.flags & TCP_FLAG.RST) m |= MARK.RST;
  if (p.payloadLengthOnWire > 0) m |= MARK.PAYLOAD;
  for (const o of h.options) {
    switch (o.kind) {
      case 'mp-capable': m |= MARK.MP_CAPABLE; break;
      case 'mp-join-syn': case 'mp-join-syn-ack': case 'mp-join-ack': m |= MARK.MP_JOIN; break;
      case 'dss':
        if (o.dataAck !== undefined) m |= MARK.DATA_ACK;
        if (o.dataFin) m |= MARK.DATA_FIN;
        if (o.mapping && o.mapping.dataLength > 0) {
          m |= MARK.DSS_MAP;
          mapping = { dsn: o.mapping.dsn, dataLength: o.mapping.dataLength };
        }
        break;
      case 'add-addr': m |= MARK.ADD_ADDR; break;
      case 'remove-addr': m |= MARK.REMOVE_ADDR; break;
      case 'mp-prio': m |= MARK.MP_PRIO; break;
      case 'mp-fail': m |= MARK.MP_FAIL; break;
      case 'mp-fastclose': m |= MARK.MP_FASTCLOSE; break;
      case 'mp-tcprst': m |= MARK.MP_TCPRST; break;
      default: break;
    }
  }
  return { marks: m, mapping };
}
