import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../../store/store-context.tsx';
import { selectSetTimelineFilter, selectSimulation, selectTimeline, selectTimelineFilter, selectVerdictsConcealed } from '../../store/selectors.ts';
import type { AppState } from '../../store/types.ts';
import { followWindow } from './follow-playhead.ts';
import { AXIS_HEIGHT, type LadderScene } from './draw-ladder.ts';
import type { DsnScene } from './draw-dsn.ts';
import { DsnCanvas } from './DsnCanvas.tsx';
import { GUTTER, LadderCanvas } from './LadderCanvas.tsx';
import { TimelineToolbar } from './TimelineToolbar.tsx';
import { storyAnnotations } from './story-annotations.ts';
import { useTimeZoom } from './use-time-zoom.ts';
import { useTimelineKeys } from './use-timeline-keys.ts';
import { useSharedWindow } from './use-shared-window.ts';
import './timeline.css';

/**
 * The run as a ladder diagram with the data-sequence chart beside it, sharing
 * one time window. Following (on at first; a pan or zoom by hand turns it
 * off, the toolbar or F back on) keeps the moment in that window. The moment
 * itself reaches the canvases and the follow mode through store
 * subscriptions: a playing run re-renders none of this every frame.
 */
export function TimelineView() {
  const t = useAppStore(selectTimeline);
  const simulation = useAppStore(selectSimulation);
  const store = useAppStoreApi();
  const [follow, setFollow] = useState(true);
  const filter = useAppStore(selectTimelineFilter);
  const setFilter = useAppStore(selectSetTimelineFilter);
  const [width, setWidth] = useState(800);
  const ladderRef = useRef<HTMLCanvasElement>(null);
  const dsnRef = useRef<HTMLCanvasElement>(null);
  const ladderScene = useRef<LadderScene | null>(null);
  const dsnScene = useRef<DsnScene | null>(null);
  const endUs = Math.max(1, t?.endOfRunUs ?? 1);
  const plot = useMemo(() => ({ left: GUTTER, width: Math.max(1, width - GUTTER) }), [width]);
  const stopFollowing = useCallback(() => setFollow(false), []);
  const { view, viewRef, zoomTo } = useTimeZoom(ladderRef, endUs, plot, AXIS_HEIGHT, stopFollowing);
  const toggleFollow = useCallback(() => setFollow((f) => !f), []);
  const brush = useCallback(
    (t0: number, t1: number) => {
      setFollow(false);
      zoomTo(t0, t1);
    },
    [zoomTo],
  );

  useEffect(() => {
    if (!follow) return;
    const keep = (s: AppState) => {
      const next = followWindow(viewRef.current, s.nowUs, endUs, s.playing);
      if (next !== viewRef.current) zoomTo(next.t0, next.t1);
    };
    // Turned on: the moment comes into view now, and stays there as it moves.
    keep(store.getState());
    return store.subscribe((s, prev) => {
      if (s.nowUs !== prev.nowUs || s.playing !== prev.playing) keep(s);
    });
  }, [follow, store, endUs, viewRef, zoomTo]);
  const onSize = useCallback((w: number) => setWidth(w), []);
  useSharedWindow(view, endUs, zoomTo, stopFollowing);

  // While a lesson's question waits for its answer, the ladder keeps the verdicts and the story back too (predict, then reveal).
  const concealed = useAppStore(selectVerdictsConcealed);
  const failures = useMemo(() => (concealed ? [] : (simulation?.failures ?? []).map((f) => ({ timeUs: f.timeUs, name: f.name }))), [simulation, concealed]);
  const annotations = useMemo(() => (t && simulation && !concealed ? storyAnnotations(simulation, t) : []), [t, simulation, concealed]);
  const windows = useMemo(() => {
    if (!t || !simulation) return [];
    return simulation.attackers.flatMap((a) => {
      const lane = t.lanes.findIndex((l) => l.kind === 'attacker' && l.node === a.id);
      return a.window && lane >= 0 ? [{ lane, fromUs: a.window.fromUs, toUs: a.window.toUs }] : [];
    });
  }, [t, simulation]);

  const zoomBy = useCallback(
    (factor: number) => {
      const v = viewRef.current;
      const nowUs = store.getState().nowUs;
      const span = (v.t1 - v.t0) / factor;
      const centre = nowUs >= v.t0 && nowUs <= v.t1 ? nowUs : (v.t0 + v.t1) / 2;
      zoomTo(centre - span / 2, centre + span / 2);
    },
    [viewRef, store, zoomTo],
  );
  const fit = useCallback(() => zoomTo(0, endUs), [zoomTo, endUs]);
  useTimelineKeys(zoomBy, fit, toggleFollow);

  if (!t) {
    return (
      <section className="timeline timeline--empty" data-testid="timeline" aria-label="Timeline">
        <p className="muted">Simulate a scenario to see its packets as a ladder diagram (a capture opened from a file has no topology to draw it on).</p>
      </section>
    );
  }

  return (
    <section className="timeline" data-testid="timeline" aria-label="Timeline">
      <TimelineToolbar t={t} filter={filter} onFilter={setFilter} view={view} onZoom={zoomBy} onFit={fit} follow={follow} onFollow={toggleFollow} ladderRef={ladderRef} dsnRef={dsnRef} ladderScene={ladderScene} dsnScene={dsnScene} />
      <div className="timeline__body">
        <LadderCanvas t={t} filter={filter} view={view} viewRef={viewRef} failures={failures} annotations={annotations} windows={windows} canvasRef={ladderRef} sceneRef={ladderScene} onSize={onSize} onBrush={brush} />
        <DsnCanvas t={t} filter={filter} viewRef={viewRef} failures={failures} canvasRef={dsnRef} sceneRef={dsnScene} />
      </div>
    </section>
  );
}
