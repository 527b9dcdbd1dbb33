/**
 * One short phrase per MPTCP option, for packet lists and timelines.
 */
import { hex32, hex64 } from '../../core/hex.ts';
import { formatIp } from '../ip-address.ts';
import { MP_TCPRST_REASONS, type MptcpOption } from './types.ts';

export function describeMptcpOption(o: MptcpOption): string {
  switch (o.kind) {
    case 'mp-capable': {
      const keys = o.receiverKey !== undefined ? ' both keys' : o.senderKey !== undefined ? ' key' : '';
      const data = o.dataLength !== undefined ? ` +${o.dataLength} data` : '';
      return `MP_CAPABLE v${o.version}${keys}${data}${o.flags & 0x80 ? ' csum' : ''}`;
    }
    case 'mp-join-syn':
      return `MP_JOIN token ${hex32(o.token)} id ${o.addressId}${o.backup ? ' backup' : ''}`;
    case 'mp-join-syn-ack':
      return `MP_JOIN hmac ${hex64(o.truncatedHmac)} id ${o.addressId}${o.backup ? ' backup' : ''}`;
    case 'mp-join-ack':
      return o.stateless ? `MP_JOIN hmac (160 bits) token ${hex32(o.stateless.token)} (stateless join)` : 'MP_JOIN hmac (160 bits)';
    case 'dss': {
      const parts: string[] = [];
      if (o.dataAck !== undefined) parts.push(`ack ${o.dataAck}`);
      if (o.mapping) parts.push(`dsn ${o.mapping.dsn} len ${o.mapping.dataLength}`);
      if (o.dataFin) parts.push('DATA_FIN');
      return `DSS ${parts.join(' ')}`.trim();
    }
    case 'add-addr':
      return `ADD_ADDR${o.echo ? ' echo' : ''} id ${o.addressId} ${formatIp(o.address)}${o.port !== undefined ? ` port ${o.port}` : ''}`;
    case 'remove-addr':
      return `REMOVE_ADDR id ${o.addressIds.join(',')}`;
    case 'mp-prio':
      return `MP_PRIO ${o.backup ? 'backup' : 'regular'}${o.addressId !== undefined ? ` id ${o.addressId}` : ''}`;
    case 'mp-fail':
      return `MP_FAIL dsn ${o.dsn}`;
    case 'mp-fastclose':
      return 'MP_FASTCLOSE';
    case 'mp-tcprst':
      return `MP_TCPRST ${MP_TCPRST_REASONS[o.reason] ?? `reason ${o.reason}`}`;
    case 'mptcp-unknown':
      return `MPTCP subtype ${o.subtype}`;
  }
}
