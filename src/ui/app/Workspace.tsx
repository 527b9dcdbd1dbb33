import { lazy, Suspense, useCallback, useState, type ReactNode } from 'react';
import { Splitter } from './Splitter.tsx';
import { ConnectionsPanel } from '../features/connections/ConnectionsPanel.tsx';
import { SecurityPanel } from '../features/security/SecurityPanel.tsx';
import { PacketDetail } from '../features/detail/PacketDetail.tsx';
import { FilterBar } from '../features/packets/FilterBar.tsx';
import { PacketList } from '../features/packets/PacketList.tsx';
import { IndexCapNotice } from '../features/packets/IndexCapNotice.tsx';
import { PlaybackBar } from '../features/playback/PlaybackBar.tsx';
import { ShortcutsDialog } from '../features/playback/ShortcutsDialog.tsx';
import { usePlaybackClock } from '../features/playback/use-playback-clock.ts';
import { usePlaybackKeys } from '../features/playback/use-playback-keys.ts';
import { TimelineView } from '../features/timeline/TimelineView.tsx';
import { TopologyView } from '../features/topology/TopologyView.tsx';
import { MatrixView } from '../features/matrix/MatrixView.tsx';
import { CompareView } from '../features/compare/CompareView.tsx';
import { useLessonKeys } from '../features/lessons/use-lesson-keys.ts';
import { usePresenterKeys } from '../features/presenter/use-presenter-keys.ts';
import { useAppStore } from '../store/store-context.tsx';
import { selectLessonOpen, selectCaptureId, selectMainView, selectPresenter, selectSelectedFrame, selectSetMainView, selectTimeline } from '../store/selectors.ts';
import type { MainView } from '../store/types.ts';
import { MAIN_VIEWS } from '../store/main-views.ts';
import '../features/packets/packets.css';


function PacketsPane() {
  // A new capture starts a fresh list (scroll at the top).
  const captureId = useAppStore(selectCaptureId);
  return (
    <section className="packets" aria-labelledby="packets-heading">
      <div className="pane-header">
        <h2 id="packets-heading">Packets</h2>
        <FilterBar />
      </div>
      <IndexCapNotice />
      <PacketList key={captureId} />
    </section>
  );
}

// Lessons and presenter mode load with the first run, not with the start page (bench:ui's first view).
// The design review's view, with its tables and exports, loads when its tab is first opened.
const ReviewSurface = lazy(() => import('../features/review/ReviewSurface.tsx').then((m) => ({ default: m.ReviewSurface })));
const LessonPanel = lazy(() => import('../features/lessons/LessonPanel.tsx').then((m) => ({ default: m.LessonPanel })));
const SideBySide = lazy(() => import('../features/presenter/SideBySide.tsx').then((m) => ({ default: m.SideBySide })));
const PresenterCaption = lazy(() => import('../features/presenter/PresenterCaption.tsx').then((m) => ({ default: m.PresenterCaption })));
const LaserPointer = lazy(() => import('../features/presenter/LaserPointer.tsx').then((m) => ({ default: m.LaserPointer })));

/** Topology above the timeline: where the packets go and when, seen together (the view a run opens on). */
function OverviewPane() {
  return (
    <div className="overview">
      <div className="overview__topology">
        <TopologyView />
      </div>
      <div className="overview__timeline">
        <TimelineView />
      </div>
    </div>
  );
}

/** Overview, timeline, topology and packet list of a run, as tabs over the packet detail. */
function RunViews() {
  const view = useAppStore(selectMainView);
  const setView = useAppStore(selectSetMainView);
  const panels: Record<MainView, ReactNode> = { overview: <OverviewPane />, timeline: <TimelineView />, topology: <TopologyView />, packets: <PacketsPane />, matrix: <MatrixView />, compare: <CompareView />, surface: (
      <Suspense fallback={<p className="run-views__loading">Loading the attack surface view…</p>}>
        <ReviewSurface />
      </Suspense>
    ) };
  return (
    <div className="run-views">
      <div className="run-views__tabs" role="tablist" aria-label="Views">
        {MAIN_VIEWS.map((v) => (
          <button key={v.id} type="button" role="tab" id={`tab-${v.id}`} aria-selected={view === v.id} aria-controls={`panel-${v.id}`} className="run-views__tab" title={`${v.label} (${v.key})`} onClick={() => setView(v.id)}>
            {v.label}
          </button>
        ))}
      </div>
      <div className="run-views__panel" role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`}>
        {panels[view]}
      </div>
    </div>
  );
}

/** The viewer once a capture is open: security failures over connections | (replay, views) over packet detail. */
export function Workspace() {
  const timeline = useAppStore(selectTimeline);
  const view = useAppStore(selectMainView);
  // The matrix, the comparison and the surface map are about runs, not packets: they take the packet detail's room.
  const wide = timeline !== null && (view === 'matrix' || view === 'compare' || view === 'surface');
  // The inspector takes room only when there is a packet to inspect; until then it is one line.
  const inspecting = useAppStore(selectSelectedFrame) !== null;
  const lessonOpen = useAppStore(selectLessonOpen);
  const [help, setHelp] = useState(false);
  // How much of the right column the views take above the packet detail (the splitter moves it).
  const [share, setShare] = useState(64);
  const openHelp = useCallback(() => setHelp(true), []);
  usePlaybackClock();
  usePlaybackKeys(openHelp);
  useLessonKeys();
  usePresenterKeys();
  // Presenter mode: the views alone (or topology beside the ladder), the lesson step as a caption.
  const presenter = useAppStore(selectPresenter);
  if (presenter.on) {
    return (
      <main className="workspace" id="main">
        <div className="workspace__packets workspace__packets--presenter">
          {timeline ? (
            <>
              <PlaybackBar onHelp={openHelp} />
              {presenter.layout === 'side' ? (
                <Suspense fallback={null}>
                  <SideBySide />
                </Suspense>
              ) : (
                <RunViews />
              )}
            </>
          ) : (
            <PacketsPane />
          )}
          <Suspense fallback={null}>
            <PresenterCaption />
          </Suspense>
        </div>
        {presenter.laser && (
          <Suspense fallback={null}>
            <LaserPointer />
          </Suspense>
        )}
        <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
      </main>
    );
  }
  return (
    <main className="workspace" id="main">
      <div className={lessonOpen ? 'workspace__side workspace__side--lesson' : 'workspace__side'}>
        <Suspense fallback={null}>
          <LessonPanel />
        </Suspense>
        <SecurityPanel />
        <ConnectionsPanel />
      </div>
      <div
        className={timeline ? `workspace__packets workspace__packets--run${wide ? ' workspace__packets--wide' : inspecting ? '' : ' workspace__packets--idle'}` : 'workspace__packets'}
        style={timeline && !wide ? ({ '--views-share': `${share}%` } as React.CSSProperties) : undefined}
      >
        {timeline ? (
          <>
            <PlaybackBar onHelp={openHelp} />
            <RunViews />
          </>
        ) : (
          <PacketsPane />
        )}
        {timeline && !wide && inspecting && <Splitter share={share} onShare={setShare} label="Resize the views and the packet detail" />}
        {!wide && <PacketDetail />}
      </div>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
    </main>
  );
}
