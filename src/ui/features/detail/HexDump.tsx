import { useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { FrameDetail } from '../../../worker/capture-client.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectSelectField, selectSelectedField } from '../../store/selectors.ts';
import { byteRange, innermostFieldAt, nodeAt } from '../../lib/field-tree.ts';
import { useElementHeight } from '../../lib/use-element-height.ts';
import { computeWindow, scrollTopToReveal } from '../../lib/virtual-window.ts';
import { HexRow } from './HexRow.tsx';

export const HEX_ROW_HEIGHT = 18;
export const BYTES_PER_ROW = 16;

/** Offset | 16 bytes in hex | ASCII. Drawn virtually (TSO frames reach 64 KiB); a click selects the field under the byte. */
export function HexDump({ detail }: { detail: FrameDetail }) {
  const selected = useAppStore(selectSelectedField);
  const selectField = useAppStore(selectSelectField);
  const range = useMemo(() => (selected === null ? null : byteRange(nodeAt(detail.layers, selected))), [detail.layers, selected]);
  const viewportRef = useRef<HTMLDivElement>(null);
  const height = useElementHeight(viewportRef, 300);
  const [scrollTop, setScrollTop] = useState(0);
  const rowCount = Math.ceil(detail.bytes.length / BYTES_PER_ROW);
  const win = computeWindow({ count: rowCount, rowHeight: HEX_ROW_HEIGHT, viewportHeight: height, scrollTop, overscan: 6 });

  useLayoutEffect(() => {
    const el = viewportRef.current;
    if (!el || !range) return;
    const target = scrollTopToReveal(Math.floor(range[0] / BYTES_PER_ROW), { count: rowCount, rowHeight: HEX_ROW_HEIGHT, viewportHeight: height, scrollTop: el.scrollTop });
    if (target !== null) {
      el.scrollTop = target;
      setScrollTop(target);
    }
  }, [range, rowCount, height]);

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const at = (e.target as HTMLElement).closest<HTMLElement>('[data-offset]')?.dataset.offset;
    if (at === undefined) return;
    const path = innermostFieldAt(detail.layers, Number(at));
    if (path !== null) selectField(path);
  };

  const rows = [];
  for (let r = win.first; r < win.last; r++) {
    const start = r * BYTES_PER_ROW;
    const end = Math.min(detail.bytes.length, start + BYTES_PER_ROW);
    const hl = range && range[0] < end && range[1] > start ? ([Math.max(range[0], start), Math.min(range[1], end)] as const) : null;
    rows.push(<HexRow key={r} start={start} bytes={detail.bytes.subarray(start, end)} hlStart={hl ? hl[0] : -1} hlEnd={hl ? hl[1] : -1} />);
  }

  return (
    <div className="hex" role="group" aria-label={`Bytes of frame ${detail.frame}`}>
      {/* Focusable so the keyboard can scroll through a long frame's bytes. */}
      <div className="hex__viewport" ref={viewportRef} tabIndex={0} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} onClick={onClick}>
        <div style={{ height: win.totalHeight, position: 'relative' }}>
          <div className="hex__rows" style={{ transform: `translateY(${win.offsetTop}px)` }}>
            {rows}
          </div>
        </div>
      </div>
    </div>
  );
}
