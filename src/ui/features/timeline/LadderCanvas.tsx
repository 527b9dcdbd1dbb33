import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TimelineData } from '../../../engine/index.ts';
import { useAppStore, useAppStoreApi } from '../../store/store-context.tsx';
import { selectHoveredFrame, selectHoverFrame, selectRequestFrameRows, selectRowOfFrame, selectRowsVersion, selectTheme, selectSeek, selectSelectFrame, selectSelectedFrame } from '../../store/selectors.ts';
import { labelDetail, MAX_LABELLED_ARROWS } from './arrow-labels.ts';
import { AXIS_HEIGHT, FLAG_STRIP, drawLadder, drawLadderMoment, sameStillLadder, ladderSplit, type LadderScene } from './draw-ladder.ts';
import { PlayLayers } from './play-layers.ts';
import { WindowHandles } from './WindowHandles.tsx';
import { HoverCard } from './HoverCard.tsx';
import type { StoryAnnotation } from './story-annotations.ts';
import { emptySelection, hitFrame, type LadderFilter, type LaneLayout } from './ladder-model.ts';
import { maxFlight } from '../../lib/frame-search.ts';
import { prepareCanvas, useCanvasSize, useCanvasTheme } from './use-canvas-size.ts';
import { usePainter } from './use-painter.ts';
import type { TimeWindow } from './use-time-zoom.ts';

export const GUTTER = 190;

interface Props {
  t: TimelineData;
  filter: LadderFilter;
  view: TimeWindow;
  /** The view as of now (it may move between renders while the timeline follows the moment). */
  viewRef: React.RefObject<TimeWindow>;
  failures: readonly { timeUs: number; name: string }[];
  /** The attack's key events, flagged above the lanes. */
  annotations: readonly StoryAnnotation[];
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
 * The moment is read from the store at paint time, so a playing run repaints
 * the canvas every frame without re-rendering this component.
 */
export function LadderCanvas({ t, filter, view, viewRef, failures, annotations, windows, canvasRef, sceneRef, onSize, onBrush }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const size = useCanvasSize(boxRef, { width: 800, height: 300 });
  const store = useAppStoreApi();
  // Read so a theme switch re-renders, and the drawing picks up the new colours.
  const themeName = useAppStore(selectTheme);
  const theme = useCanvasTheme(canvasRef, themeName);
  const selected = useAppStore(selectSelectedFrame);
  const selectFrame = useAppStore(selectSelectFrame);
  const seek = useAppStore(selectSeek);
  const rowsVersion = useAppStore(selectRowsVersion);
  const hovered = useAppStore(selectHoveredFrame);
  const hoverFrame = useAppStore(selectHoverFrame);
  // Where the pointer rests on an arrow of this ladder (the card shows only for hovers that start here).
  const [pointer, setPointer] = useState<{ x: number; y: number; frame: number } | null>(null);
  const rowOfFrame = useAppStore(selectRowOfFrame);
  const requestFrameRows = useAppStore(selectRequestFrameRows);
  const flight = useMemo(() => maxFlight(t), [t]);
  const drawn = useRef<Int32Array>(new Int32Array(0));
  const lastDrawn = useRef<TimelineData | null>(null);
  const selection = useRef(emptySelection());
  const layers = useRef<PlayLayers | null>(null);
  const [brush, setBrush] = useState<{ x0: number; x1: number } | null>(null);
  const strip = annotations.length > 0 ? FLAG_STRIP : 0;
  const layout: LaneLayout = { top: AXIS_HEIGHT + 4 + strip, height: Math.max(40, size.height - AXIS_HEIGHT - 8 - strip), count: t.lanes.length };

  useEffect(() => onSize(size.width), [size.width, onSize]);

  const request = usePainter(() => {
    const canvas = canvasRef.current;
    const ctx = prepareCanvas(canvas, size);
    const colours = theme();
    if (!ctx || !canvas || !colours) return;
    const fresh = lastDrawn.current !== t;
    lastDrawn.current = t;
    const { t0, t1 } = viewRef.current;
    const scene: LadderScene = { t, width: size.width, height: size.height, gutter: GUTTER, layout, t0, t1, flight, filter, nowUs: store.getState().nowUs, selected, hovered, failures, annotations, windows, theme: colours, infoOf: (f) => rowOfFrame(f)?.info, rowsVersion };
    const last = sceneRef.current;
    sceneRef.current = scene;
    layers.current ??= new PlayLayers();
    const same = last !== null && sameStillLadder(last, scene);
    if (layers.current.use(same, size.width, size.height, size.dpr, (c, nowUs) => drawLadder(c, { ...scene, nowUs }, selection.current))) {
      layers.current.compose(ctx, ladderSplit(scene));
      drawLadderMoment(ctx, scene, selection.current.frames);
      drawn.current = selection.current.frames;
    } else {
      drawn.current = drawLadder(ctx, scene, selection.current);
    }
    // Zoomed in, labels quote the packet list's Info: fetch it for the arrows in view (a repaint follows when it arrives).
    const frames = drawn.current;
    if (frames.length <= MAX_LABELLED_ARROWS && labelDetail(frames.length) > 0) requestFrameRows(Array.from(frames, (i) => i + 1));
    // For the benchmark: a run's result is on screen (measured from the edit that asked for it).
    if (fresh) performance.mark('lab:result-drawn');
  });
  // Whatever re-rendered this asks for a paint; so does every move of the moment, without a render.
  useLayoutEffect(() => request());
  useEffect(() => store.subscribe((s, prev) => s.nowUs !== prev.nowUs && request()), [store, request]);

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
          const { offsetX: x, offsetY: y } = e.nativeEvent;
          if (scrubbing.current) seek(timeAt(x));
          else if (brush) setBrush({ ...brush, x1: x });
          else if (e.buttons === 0) {
            const frame = x > GUTTER && y > AXIS_HEIGHT ? hitFrame(t, drawn.current, xOf, layout, x, y) : null;
            hoverFrame(frame);
            // Off the arrows, with no card up, nothing re-renders.
            if (frame !== null || pointer !== null) setPointer(frame === null ? null : { x, y, frame });
          }
        }}
        onPointerLeave={() => {
          if (pointer) hoverFrame(null);
          setPointer(null);
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
      {pointer && pointer.frame === hovered && <HoverCard t={t} frame={pointer.frame} x={pointer.x} y={pointer.y} box={size} />}
      {brush && <div className="ladder__brush" style={{ left: Math.min(brush.x0, brush.x1), width: Math.abs(brush.x1 - brush.x0) }} />}
      <WindowHandles t={t} layout={layout} xOf={xOf} timeAt={timeAt} inPlot={(x) => x >= GUTTER && x <= size.width} />
    </div>
  );
}
