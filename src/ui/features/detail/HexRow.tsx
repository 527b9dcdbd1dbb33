import { memo } from 'react';
import { hex2, printable } from '../../lib/format.ts';

interface Props {
  /** Offset of the row's first byte in the frame. */
  start: number;
  bytes: Uint8Array;
  /** Highlighted offsets [hlStart, hlEnd), -1 for none. */
  hlStart: number;
  hlEnd: number;
}

export const HexRow = memo(function HexRow({ start, bytes, hlStart, hlEnd }: Props) {
  const hex = [];
  const ascii = [];
  for (let i = 0; i < bytes.length; i++) {
    const o = start + i;
    const on = o >= hlStart && o < hlEnd;
    const cls = `${on ? ' hex--hl' : ''}${on && o === hlStart ? ' hex--hl-first' : ''}${on && o === hlEnd - 1 ? ' hex--hl-last' : ''}`;
    hex.push(
      <span key={o} className={`hex__byte${cls}${i === 8 ? ' hex__byte--mid' : ''}`} data-offset={o} data-highlighted={on || undefined}>
        {hex2(bytes[i]!)}
      </span>,
    );
    ascii.push(
      <span key={o} className={`hex__char${cls}`} data-offset={o}>
        {printable(bytes[i]!)}
      </span>,
    );
  }
  return (
    <div className="hex__row">
      <span className="hex__offset">{start.toString(16).padStart(4, '0')}</span>
      <span className="hex__bytes">{hex}</span>
      <span className="hex__ascii" aria-hidden="true">
        {ascii}
      </span>
    </div>
  );
});
