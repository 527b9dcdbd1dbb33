import { memo } from 'react';
import type { PacketRow } from '../../../engine/index.ts';
import { WarningIcon } from '../../components/icons.tsx';
import { COLUMNS, rowDomId } from './columns.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectHoverFrame } from '../../store/selectors.ts';

interface Props {
  position: number;
  frame: number;
  row: PacketRow | undefined;
  selected: boolean;
  onSelect(frame: number): void;
}

export const PacketRowView = memo(function PacketRowView({ position, frame, row, selected, onSelect }: Props) {
  // The row under the pointer lights up its arrow on the ladder.
  const hoverFrame = useAppStore(selectHoverFrame);
  const classes = ['plist__row'];
  if (row?.mptcp.length) classes.push('plist__row--mptcp');
  if (row?.problem) classes.push('plist__row--problem');
  if (selected) classes.push('plist__row--selected');
  return (
    <div
      role="row"
      id={rowDomId(frame)}
      aria-rowindex={position + 2}
      aria-selected={selected}
      className={classes.join(' ')}
      onClick={() => onSelect(frame)}
      onMouseEnter={() => hoverFrame(frame)}
      onMouseLeave={() => hoverFrame(null)}
    >
      {row ? (
        COLUMNS.map((c, i) => (
          <div role="gridcell" key={c.id} className={`plist__cell plist__cell--${c.id}`} title={c.id === 'info' || c.id === 'src' || c.id === 'dst' ? c.value(row) : undefined}>
            {i === 0 && row.problem && <WarningIcon className="plist__problem-icon" aria-label="problem" role="img" aria-hidden={false} />}
            {c.value(row)}
          </div>
        ))
      ) : (
        <>
          <div role="gridcell" className="plist__cell plist__cell--no">
            {frame}
          </div>
          <div role="gridcell" className="plist__cell plist__cell--loading">
            loading…
          </div>
        </>
      )}
    </div>
  );
});
