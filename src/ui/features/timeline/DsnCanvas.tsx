import { useEffect, useMemo, useRef } from 'react';
import type { TimelineData } from '../../../engine/index.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectTheme, selectNowUs } from '../../store/selectors.ts';
import { drawDsn, maxDsnOf, type DsnScene } from './draw-dsn.ts';
import type { LadderFilter } from './ladder-model.ts';
import { canvasTheme, prepareCanvas, useCanvasSize } from './use-canvas-size.ts';
import type { TimeWindow } from './use-time-zoom.ts';

interface Props {
  t: TimelineData;
  filter: LadderFilter;
  view: TimeWindow;
  failures: readonly { timeUs: number }[];
  canvasRef: React.RefObject<HTMLCanvasElement | null>;
  /** The scene last drawn (for the SVG export). */
  sceneRef: React.RefObject<DsnScene | null>;
}

/** Data sequence over time beside the ladder, on the same time window. */
export function DsnCanvas({ t, filter, view, failures, canvasRef, sceneRef }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const size = useCanvasSize(boxRef, { width: 260, height: 300 });
  const nowUs = useAppStore(selectNowUs);
  // Read so a theme switch re-renders, and the drawing picks up the new colours.
  useAppStore(selectTheme);
  const maxDsn = useMemo(() => maxDsnOf(t), [t]);

  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const canvas = canvasRef.current;
      const ctx = prepareCanvas(canvas, size);
      if (!ctx || !canvas) return;
      const scene: DsnScene = { t, width: size.width, height: size.height, t0: view.t0, t1: view.t1, maxDsn, filter, nowUs, failures, theme: canvasTheme(canvas) };
      sceneRef.current = scene;
      drawDsn(ctx, scene);
    });
    return () => cancelAnimationFrame(frame);
  });

  return (
    <div className="dsn" ref={boxRef}>
      <canvas ref={canvasRef} style={{ width: size.width, height: size.height }} role="img" aria-label={`Data sequence over time: ${maxDsn} bytes mapped, coloured by subflow`} />
    </div>
  );
}
