import { useState } from 'react';
import type { TimelineData } from '../../../engine/index.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectDraft, selectEdit } from '../../store/selectors.ts';
import { laneY, type LaneLayout } from './ladder-model.ts';

interface Props {
  t: TimelineData;
  layout: LaneLayout;
  /** Screen x of a time, and the time at a screen x. */
  xOf(us: number): number;
  timeAt(x: number): number;
  /** Whether a screen x lies in the plot (a handle scrolled out of view is not drawn). */
  inPlot(x: number): boolean;
}

type Drag = { id: string; end: 'fromUs' | 'toUs'; us: number } | null;

const ms = (us: number) => `${(us / 1000).toFixed(1)} ms`;

/**
 * Handles on each partial-time attacker's lane at the ends of its window:
 * drag one (or focus it and press ←/→, Shift for 10 ms) to move when the
 * attacker arrives or leaves; the scenario re-runs when it is let go.
 */
export function WindowHandles({ t, layout, xOf, timeAt, inPlot }: Props) {
  const draft = useAppStore(selectDraft);
  const edit = useAppStore(selectEdit);
  const [drag, setDrag] = useState<Drag>(null);
  if (!draft) return null;
  const laneH = layout.height / layout.count;
  const attackers = draft.attackers.filter((a) => a.location === 'partial-time-on-path' && a.window);
  const commit = (id: string, window: { fromUs: number; toUs: number }) => edit({ kind: 'set-window', id, window });
  const clamp = (window: { fromUs: number; toUs: number }, end: 'fromUs' | 'toUs', us: number) => {
    const v = Math.round(us);
    return end === 'fromUs' ? Math.max(0, Math.min(window.toUs - 1000, v)) : Math.min(draft.durationUs, Math.max(window.fromUs + 1000, v));
  };
  return (
    <>
      {attackers.map((a) => {
        const lane = t.lanes.findIndex((l) => l.kind === 'attacker' && l.node === a.id);
        if (lane < 0) return null;
        const label = a.label ?? a.id;
        const y = laneY(layout, lane) - laneH / 2;
        return (['fromUs', 'toUs'] as const).map((end) => {
          const value = drag && drag.id === a.id && drag.end === end ? drag.us : a.window![end];
          const window = { ...a.window!, [end]: value };
          if (!inPlot(xOf(value))) return null;
          return (
            <div
              key={`${a.id}-${end}`}
              className={`window-handle window-handle--${end === 'fromUs' ? 'start' : 'end'}`}
              role="slider"
              tabIndex={0}
              aria-label={`${end === 'fromUs' ? 'Arrival' : 'Departure'} of ${label} (its partial-time window)`}
              aria-valuemin={0}
              aria-valuemax={draft.durationUs / 1000}
              aria-valuenow={Math.round(value / 100) / 10}
              aria-valuetext={ms(value)}
              title={`${label} ${end === 'fromUs' ? 'arrives' : 'leaves'} at ${ms(value)}: drag to move (the scenario re-runs)`}
              style={{ left: xOf(value) - 5, top: y, height: laneH }}
              onPointerDown={(e) => {
                e.stopPropagation();
                e.currentTarget.setPointerCapture?.(e.pointerId);
                setDrag({ id: a.id, end, us: value });
              }}
              onPointerMove={(e) => {
                if (!drag || drag.id !== a.id || drag.end !== end) return;
                const box = e.currentTarget.parentElement!.getBoundingClientRect();
                setDrag({ ...drag, us: clamp(a.window!, end, timeAt(e.clientX - box.left)) });
              }}
              onPointerUp={() => {
                if (!drag || drag.id !== a.id || drag.end !== end) return;
                setDrag(null);
                if (drag.us !== a.window![end]) commit(a.id, window);
              }}
              onKeyDown={(e) => {
                if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
                e.preventDefault();
                e.stopPropagation();
                const step = (e.shiftKey ? 10_000 : 1000) * (e.key === 'ArrowLeft' ? -1 : 1);
                commit(a.id, { ...a.window!, [end]: clamp(a.window!, end, a.window![end] + step) });
              }}
            />
          );
        });
      })}
    </>
  );
}
