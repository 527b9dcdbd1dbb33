import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import {
  selectCaptureId,
  selectFiltered,
  selectRequestRows,
  selectRowAt,
  selectRowsVersion,
  selectSelectFrame,
  selectSelectedFrame,
  selectViewLength,
} from '../../store/selectors.ts';
import { frameAt, positionOf } from '../../store/view-model.ts';
import { useElementHeight } from '../../lib/use-element-height.ts';
import { computeWindow, scrollTopToReveal } from '../../lib/virtual-window.ts';
import { COLUMNS, ROW_HEIGHT, rowDomId } from './columns.ts';

/** The sticky header's height: its 24 px row and a 1 px border (CSS `.plist__head`). */
const HEAD_HEIGHT = 25;
import { PacketRowView } from './PacketRowView.tsx';

const selectPackets = (s: { capture: { packets: number } | null }) => s.capture?.packets ?? 0;

/** The packet list: a grid drawing only the rows in view, fetched from the worker in pages. */
export function PacketList() {
  const captureId = useAppStore(selectCaptureId);
  const length = useAppStore(selectViewLength);
  const packets = useAppStore(selectPackets);
  const filtered = useAppStore(selectFiltered);
  const rowsVersion = useAppStore(selectRowsVersion);
  const selectedFrame = useAppStore(selectSelectedFrame);
  const requestRows = useAppStore(selectRequestRows);
  const rowAt = useAppStore(selectRowAt);
  const selectFrame = useAppStore(selectSelectFrame);

  // The grid itself scrolls (its header row sticks), so the element holding the keyboard focus is the one that scrolls.
  const viewportRef = useRef<HTMLDivElement>(null);
  const viewportHeight = Math.max(ROW_HEIGHT, useElementHeight(viewportRef, 400) - HEAD_HEIGHT);
  const [scrollTop, setScrollTop] = useState(0);
  const win = computeWindow({ count: length, rowHeight: ROW_HEIGHT, viewportHeight, scrollTop, overscan: 8 });
  const selectedPos = selectedFrame === null ? -1 : positionOf(selectedFrame, packets, filtered);

  // Also after each arrival: a full row cache is cleared, and the rows in view must come back.
  useEffect(() => {
    if (win.last > win.first) requestRows(win.first, win.last - win.first);
  }, [requestRows, win.first, win.last, captureId, filtered, rowsVersion]);

  useLayoutEffect(() => {
    const el = viewportRef.current;
    if (!el || selectedPos < 0) return;
    const target = scrollTopToReveal(selectedPos, { count: length, rowHeight: ROW_HEIGHT, viewportHeight, scrollTop: el.scrollTop });
    if (target !== null) {
      el.scrollTop = target;
      setScrollTop(target);
    }
  }, [selectedPos, length, viewportHeight]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (length === 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    const cur = selectedPos;
    const firstVisible = win.firstVisible;
    let next: number;
    switch (e.key) {
      case 'ArrowDown':
        next = cur < 0 ? firstVisible : cur + 1;
        break;
      case 'ArrowUp':
        next = cur < 0 ? firstVisible : cur - 1;
        break;
      case 'PageDown':
        next = (cur < 0 ? firstVisible : cur) + Math.max(1, win.pageRows - 1);
        break;
      case 'PageUp':
        next = (cur < 0 ? firstVisible : cur) - Math.max(1, win.pageRows - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = length - 1;
        break;
      default:
        return;
    }
    e.preventDefault();
    selectFrame(frameAt(Math.min(length - 1, Math.max(0, next)), filtered));
  };

  const onSelect = useCallback((frame: number) => selectFrame(frame), [selectFrame]);

  const rows = [];
  for (let p = win.first; p < win.last; p++) {
    const frame = frameAt(p, filtered);
    rows.push(<PacketRowView key={p} position={p} frame={frame} row={rowAt(p)} selected={frame === selectedFrame} onSelect={onSelect} />);
  }
  const activeVisible = selectedPos >= win.first && selectedPos < win.last && selectedFrame !== null;

  return (
    <div
      className="plist"
      role="grid"
      aria-label="Packets"
      aria-rowcount={length + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={activeVisible ? rowDomId(selectedFrame) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      ref={viewportRef}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div role="rowgroup" className="plist__head">
        <div role="row" aria-rowindex={1} className="plist__row plist__row--head">
          {COLUMNS.map((c) => (
            <div role="columnheader" key={c.id} className={`plist__cell plist__cell--${c.id}`}>
              {c.label}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="plist__viewport">
        <div className="plist__spacer" style={{ height: win.totalHeight }}>
          <div className="plist__rows" style={{ transform: `translateY(${win.offsetTop}px)` }}>
            {rows}
          </div>
        </div>
        {length === 0 && <p className="plist__empty">No packet matches the filter.</p>}
      </div>
    </div>
  );
}
