import type { PacketRow } from '../../../engine/index.ts';
import { formatTime } from '../../lib/format.ts';

export interface Column {
  id: string;
  label: string;
  value(row: PacketRow): string;
  numeric?: boolean;
}

export const COLUMNS: readonly Column[] = [
  { id: 'no', label: 'No.', value: (r) => String(r.frame), numeric: true },
  { id: 'time', label: 'Time', value: (r) => formatTime(r.time), numeric: true },
  { id: 'src', label: 'Source', value: (r) => r.source },
  { id: 'dst', label: 'Destination', value: (r) => r.destination },
  { id: 'proto', label: 'Protocol', value: (r) => r.protocol },
  { id: 'len', label: 'Length', value: (r) => String(r.length), numeric: true },
  { id: 'info', label: 'Info', value: (r) => r.info },
];

export const ROW_HEIGHT = 22;

export const rowDomId = (frame: number) => `packet-row-${frame}`;
