import { useEffect, useLayoutEffect, useRef } from 'react';
import type { TimelineData } from '../../../engine/index.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectRequestFrameRows, selectRowOfFrame, selectRowsVersion } from '../../store/selectors.ts';
import { cardPosition, type Size } from './hover-card.ts';
import { useFrameDecisions } from './use-frame-decisions.ts';

interface Props {
  t: TimelineData;
  frame: number;
  /** The pointer, in the ladder box's coordinates. */
  x: number;
  y: number;
  box: Size;
}

/** The arrow under the pointer in a few lines: its frame, the packet list's Info, and what the hosts decided about it. */
export function HoverCard({ t, frame, x, y, box }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  // Read so the card fills in when the row arrives.
  useAppStore(selectRowsVersion);
  const rowOfFrame = useAppStore(selectRowOfFrame);
  const requestFrameRows = useAppStore(selectRequestFrameRows);
  const decisions = useFrameDecisions(frame);
  const row = rowOfFrame(frame);
  useEffect(() => {
    if (!row) requestFrameRows([frame]);
  }, [row, frame, requestFrameRows]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const p = cardPosition(x, y, { width: el.offsetWidth, height: el.offsetHeight }, box);
    el.style.left = `${p.left}px`;
    el.style.top = `${p.top}px`;
  });
  const attacker = t.attacker[frame - 1]!;
  return (
    <div ref={ref} className="ladder__hover" role="tooltip" data-testid="ladder-hover-card">
      <div className="ladder__hover-head">
        Frame {frame} · {(t.startUs[frame - 1]! / 1000).toFixed(3)} ms{attacker >= 0 ? ` · sent by ${t.lanes.find((l) => l.kind === 'attacker' && l.node === t.attackers[attacker])?.label ?? t.attackers[attacker]}` : ''}
      </div>
      <div className="ladder__hover-info mono">{row ? row.info : 'loading…'}</div>
      {decisions === undefined ? (
        <div className="muted">What the hosts did: …</div>
      ) : decisions.length === 0 ? (
        <div className="muted">No host decision about it.</div>
      ) : (
        <ul className="ladder__hover-decisions">
          {decisions.map((d) => (
            <li key={`${d.timeUs}:${d.host}:${d.text}`}>{d.text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
