import { useEffect, useMemo, useRef, useState } from 'react';
import type { TimelineData } from '../../../engine/index.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectTheme, selectNowUs, selectSeek, selectSelectFrame, selectSelectedFrame } from '../../store/selectors.ts';
import { AXIS_HEIGHT, drawLadder, type LadderScene } from './draw-ladder.ts';
import { WindowHandles } from './WindowHandles.tsx';
import { hitFrame, type LadderFilter, type LaneLayout } from './ladder-model.ts';
import { maxFlight } from '../../lib/frame-search.ts';
import { canvasTheme, prepareCanvas, useCanvasSize } from './use-canvas-size.ts';
import type { TimeWindow } from './use-time-zoom.ts';

export const GUTTER = 190;

interface Props {
  t: TimelineData;
  filter: LadderFilter;
  view: TimeWindow;
  failures: readonly { timeUs: number; name: string }[];
  windows: readonly { lane: number; fromUs: number; toUs: number }[];
  canvasRef: React.RefObject<HTMLCanvasElement | null>;
  /** The scene last drawn (for the SVG export). */
  sceneRef: React.RefObject<LadderScene | null>;
  onSize(width: number): void;
  onBrush(t0: number, t1: number): void;
}

/**
 * The ladder on a canvas. Click an arrow to select its packet; click or drag
 * in the time axis to move the moment; shift-drag to zoom into a range.
 */
export function LadderCanvas({ t, filter, view, failures, windows, canvasRef, sceneRef, onSize, onBrush }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const size = useCanvasSize(boxRef, { width: 800, height: 300 });
  const nowUs = useAppStore(selectNowUs);
  // Read so a theme switch re-renders, and the drawing picks up the new colours.
  useAppStore(selectTheme);
  const selected = useAppStore(selectSelectedFrame);
  const selectFrame = useAppStore(selectSelectFrame);
  const seek = useAppStore(selectSeek);
  const flight = useMemo(() => maxFlight(t), [t]);
  const drawn = useRef<Int32Array>(new Int32Array(0));
  const lastDrawn = useRef<TimelineData | null>(null);
  const [brush, setBrush] = useState<{ x0: number; x1: number } | null>(null);
  const layout: LaneLayout = { top: AXIS_HEIGHT + 4, height: Math.max(40, size.height - AXIS_HEIGHT - 8), count: t.lanes.length };

  useEffect(() => onSize(size.width), [size.width, onSize]);

  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const canvas = canvasRef.current;
      const ctx = prepareCanvas(canvas, size);
      if (!ctx || !canvas) return;
      const fresh = lastDrawn.current !== t;
      lastDrawn.current = t;
      const scene: LadderScene = { t, width: size.width, height: size.height, gutter: GUTTER, layout, t0: view.t0, t1: view.t1, flight, filter, nowUs, selected, failures, windows, theme: canvasTheme(canvas) };
      sceneRef.current = scene;
      drawn.current = drawLadder(ctx, scene);
      // For the benchmark: a run's result is on screen (measured from the edit that asked for it).
      if (fresh) performance.mark('lab:result-drawn');
    });
    return () => cancelAnimationFrame(frame);
  });

  const timeAt = (px: number) => view.t0 + ((px - GUTTER) / Math.max(1, size.width - GUTTER)) * (view.t1 - view.t0);
  const xOf = (us: number) => GUTTER + ((us - view.t0) / Math.max(1, view.t1 - view.t0)) * (size.width - GUTTER);
  const scrubbing = useRef(false);

  return (
    <div className="ladder" ref={boxRef}>
      <canvas
        ref={canvasRef}
        className="ladder__canvas"
        style={{ width: size.width, height: size.height }}
        role="img"
        aria-label={`Ladder diagram: ${t.count} packets on ${t.lanes.length} lanes; click an arrow to inspect its packet`}
        onPointerDown={(e) => {
          const { offsetX: x, offsetY: y } = e.nativeEvent;
          if (x < GUTTER) return;
          if (y <= AXIS_HEIGHT) {
            scrubbing.current = true;
            e.currentTarget.setPointerCapture?.(e.pointerId);
            seek(timeAt(x));
          } else if (e.shiftKey) {
            e.currentTarget.setPointerCapture?.(e.pointerId);
            setBrush({ x0: x, x1: x });
          }
        }}
        onPointerMove={(e) => {
          const x = e.nativeEvent.offsetX;
          if (scrubbing.current) seek(timeAt(x));
          else if (brush) setBrush({ ...brush, x1: x });
        }}
        onPointerUp={(e) => {
          scrubbing.current = false;
          if (!brush) return;
          const a = Math.min(brush.x0, brush.x1);
          const b = Math.max(brush.x0, brush.x1);
          setBrush(null);
          if (b - a > 4) onBrush(timeAt(a), timeAt(b));
          e.stopPropagation();
        }}
        onClick={(e) => {
          const { offsetX: x, offsetY: y } = e.nativeEvent;
          if (x < GUTTER || y <= AXIS_HEIGHT || e.shiftKey) return;
          const frame = hitFrame(t, drawn.current, xOf, layout, x, y);
          if (frame !== null) selectFrame(frame);
        }}
      />
      {brush && <div className="ladder__brush" style={{ left: Math.min(brush.x0, brush.x1), width: Math.abs(brush.x1 - brush.x0) }} />}
      <WindowHandles t={t} layout={layout} xOf={xOf} timeAt={timeAt} inPlot={(x) => x >= GUTTER && x <= size.width} />
    </div>
  );
}
