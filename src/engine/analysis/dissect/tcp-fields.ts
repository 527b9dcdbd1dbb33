/**
 * Field tree for the TCP header and its options.
 */
import type { DecodedTcpHeader } from '../../wire/tcp-header.ts';
import { TCP_FLAG, TCP_FLAG_NAMES, tcpFlagsText } from '../../wire/tcp-header.ts';
import { isMptcpOption, tcpOptionByteLength, type TcpOption } from '../../wire/tcp-options.ts';
import type { MptcpOption } from '../../wire/mptcp/types.ts';
import { field, flagBit, hexBytes, type FieldNode } from './field.ts';
import { mptcpOptionFields } from './mptcp-fields.ts';


function optionField(o: TcpOption, at: number, bytes: Uint8Array): FieldNode {
  const len = tcpOptionByteLength(o);
  if (isMptcpOption(o)) return mptcpOptionFields(o, at, len, bytes[at + 2]! >> 4);
  return { ...basicOptionField(o, at, len, bytes), kind: 'tcp-option', optionKind: o.kind };
}

function basicOptionField(o: Exclude<TcpOption, MptcpOption>, at: number, len: number, bytes: Uint8Array): FieldNode {
  switch (o.kind) {
    case 'eol':
      return field('End of option list', '', at, 1);
    case 'nop':
      return field('No-operation (NOP)', '', at, 1);
    case 'padding':
      return field('Padding after EOL', hexBytes(bytes, at, at + len), at, len);
    case 'mss':
      return field('Maximum segment size', `${o.mss} bytes`, at, len);
    case 'window-scale':
      return field('Window scale', `${o.shift} (multiply by ${2 ** Math.min(o.shift, 30)})`, at, len);
    case 'sack-permitted':
      return field('SACK permitted', '', at, len);
    case 'sack':
      return field('SACK', o.blocks.map((b) => `${b.left}-${b.right}`).join(', '), at, len);
    case 'timestamps':
      return field('Timestamps', `TSval ${o.tsval}, TSecr ${o.tsecr}`, at, len);
    case 'unknown':
      return field(`Option kind ${o.type}`, hexBytes(bytes, at + 2, at + len), at, len);
    case 'malformed':
      return field(`Malformed option (kind ${o.type})`, hexBytes(bytes, at, at + len), at, len, { problem: o.message });
  }
}

export function tcpFields(t: DecodedTcpHeader, at: number, bytes: Uint8Array, payloadLength: number, checksumOk: boolean | null): FieldNode {
  const h = t.header;
  const flagsAt = at + 12;
  const children: FieldNode[] = [
    field('Source port', String(h.srcPort), at, 2),
    field('Destination port', String(h.dstPort), at + 2, 2),
    field('Sequence number', String(h.seq), at + 4, 4),
    field('Acknowledgment number', String(h.ack), at + 8, 4),
    field('Header length', `${t.headerLength} bytes`, at + 12, 1, { mask: 0xf0 }),
    field('Flags', tcpFlagsText(h.flags) || 'none', flagsAt, 2, {
      mask: 0x01ff,
      // AE is the low bit of byte 12; the other eight are byte 13.
      children: TCP_FLAG_NAMES.map(([bit, name]) =>
        bit === TCP_FLAG.AE ? flagBit('AE (accurate ECN)', (h.flags & bit) !== 0, flagsAt, 0x01) : flagBit(name, (h.flags & bit) !== 0, flagsAt + 1, bit),
      ),
    }),
    field('Window', String(h.window), at + 14, 2),
    field('Checksum', `0x${h.checksum.toString(16).padStart(4, '0')}`, at + 16, 2, checksumOk === false ? { note: 'incorrect (often checksum offload in captures)' } : {}),
    field('Urgent pointer', String(h.urgentPointer), at + 18, 2),
  ];
  if (h.options.length) {
    const opts = h.options.map((o, i) => optionField(o, at + (t.optionOffsets[i] ?? 20), bytes));
    children.push(field('Options', `${t.headerLength - 20} bytes`, at + 20, t.headerLength - 20, { children: opts }));
  }
  return field('Transmission Control Protocol', `${h.srcPort} → ${h.dstPort}, Len ${payloadLength}`, at, t.headerLength, { kind: 'layer', children });
}
