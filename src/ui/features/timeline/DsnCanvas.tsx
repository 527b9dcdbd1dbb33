import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { TimelineData } from '../../../engine/index.ts';
import { useAppStore, useAppStoreApi } from '../../store/store-context.tsx';
import { selectTheme } from '../../store/selectors.ts';
import { drawDsn, drawDsnMoment, dsnSplit, maxDsnOf, sameStillDsn, type DsnScene, type DsnScratch } from './draw-dsn.ts';
import { PlayLayers } from './play-layers.ts';
import type { LadderFilter } from './ladder-model.ts';
import { prepareCanvas, useCanvasSize, useCanvasTheme } from './use-canvas-size.ts';
import { usePainter } from './use-painter.ts';
import type { TimeWindow } from './use-time-zoom.ts';

interface Props {
  t: TimelineData;
  filter: LadderFilter;
  /** The view as of now (it may move between renders while the timeline follows the moment). */
  viewRef: React.RefObject<TimeWindow>;
  failures: readonly { timeUs: number }[];
  canvasRef: React.RefObject<HTMLCanvasElement | null>;
  /** The scene last drawn (for the SVG export). */
  sceneRef: React.RefObject<DsnScene | null>;
}

/** Data sequence over time beside the ladder, on the same time window; repainted (not re-rendered) as the moment moves. */
export function DsnCanvas({ t, filter, viewRef, failures, canvasRef, sceneRef }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const size = useCanvasSize(boxRef, { width: 260, height: 300 });
  const store = useAppStoreApi();
  // Read so a theme switch re-renders, and the drawing picks up the new colours.
  const themeName = useAppStore(selectTheme);
  const theme = useCanvasTheme(canvasRef, themeName);
  const maxDsn = useMemo(() => maxDsnOf(t), [t]);
  const scratch = useRef<DsnScratch>({ seen: new Uint8Array(0) });
  const layers = useRef<PlayLayers | null>(null);

  const request = usePainter(() => {
    const canvas = canvasRef.current;
    const ctx = prepareCanvas(canvas, size);
    const colours = theme();
    if (!ctx || !canvas || !colours) return;
    const { t0, t1 } = viewRef.current;
    const scene: DsnScene = { t, width: size.width, height: size.height, t0, t1, maxDsn, filter, nowUs: store.getState().nowUs, failures, theme: colours };
    const last = sceneRef.current;
    sceneRef.current = scene;
    layers.current ??= new PlayLayers();
    const same = last !== null && sameStillDsn(last, scene);
    if (layers.current.use(same, size.width, size.height, size.dpr, (c, nowUs) => drawDsn(c, { ...scene, nowUs }, scratch.current))) {
      layers.current.compose(ctx, dsnSplit(scene));
      drawDsnMoment(ctx, scene);
    } else {
      drawDsn(ctx, scene, scratch.current);
    }
  });
  useLayoutEffect(() => request());
  useEffect(() => store.subscribe((s, prev) => s.nowUs !== prev.nowUs && request()), [store, request]);

  return (
    <div className="dsn" ref={boxRef}>
      <canvas ref={canvasRef} style={{ width: size.width, height: size.height }} role="img" aria-label={`Data sequence over time: ${maxDsn} bytes mapped, coloured by subflow`} />
    </div>
  );
}
