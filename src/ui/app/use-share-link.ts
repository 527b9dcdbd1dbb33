import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../store/store-context.tsx';
import { selectCapture, selectDraft, selectDraftBaseScenario, selectMainView, selectNowUs, selectOpenScenarioText, selectPlaying, selectSeek, selectSelectFrame, selectSelectedFrame, selectSetMainView, selectSimulate, selectSimulation } from '../store/selectors.ts';
import { selectLessonOpen, selectFilter, selectSetFilter, selectSetTimelineFilter, selectSetTimelineWindow, selectTimelineFilter, selectTimelineWindow } from '../store/selectors.ts';
import { decodeScenario, encodeScenario, isBuiltinWithSwitches, linkBytes, parseShareLink, shareLinkFits, shareLinkQuery, type SharedRun, type SharedView } from '../lib/share-link.ts';
import { setShareLinkStatus } from '../lib/share-link-status.ts';

/**
 * Opens the run a share link names (its moment, packet, tab, timeline zoom
 * and filters too), and keeps the address bar naming them as on screen, so
 * copying it shares exactly that. Returns whether the page opened with a link.
 */
export function useShareLink(onDamaged: (message: string) => void): boolean {
  const simulate = useAppStore(selectSimulate);
  const openText = useAppStore(selectOpenScenarioText);
  const selectFrame = useAppStore(selectSelectFrame);
  const seek = useAppStore(selectSeek);
  const simulation = useAppStore(selectSimulation);
  const capture = useAppStore(selectCapture);
  const selectedFrame = useAppStore(selectSelectedFrame);
  const draft = useAppStore(selectDraft);
  const base = useAppStore(selectDraftBaseScenario);
  const playing = useAppStore(selectPlaying);
  const nowUs = useAppStore(selectNowUs);
  const view = useAppStore(selectMainView);
  const setMainView = useAppStore(selectSetMainView);
  // The timeline's zoom and the filters travel in the link too (issue 12).
  const timelineWindow = useAppStore(selectTimelineWindow);
  const setTimelineWindow = useAppStore(selectSetTimelineWindow);
  const timelineFilter = useAppStore(selectTimelineFilter);
  const setTimelineFilter = useAppStore(selectSetTimelineFilter);
  const packetFilter = useAppStore(selectFilter);
  const setPacketFilter = useAppStore(selectSetFilter);
  const pending = useRef<({ frame: number | null; moment: number | null; view: SharedView | null } & Partial<Pick<SharedRun, 'window' | 'timelineFilter' | 'packetFilter'>>) | null>(null);
  const [linked] = useState(() => parseShareLink(window.location.search) !== null);

  useEffect(() => {
    const run = parseShareLink(window.location.search);
    if (!run || pending.current) return;
    pending.current = { frame: run.frame, moment: run.moment, view: run.view, window: run.window, timelineFilter: run.timelineFilter, packetFilter: run.packetFilter };
    if (run.document) {
      decodeScenario(run.document).then(
        (text) => openText(text, 'the shared link'),
        (e: unknown) => onDamaged(e instanceof Error ? e.message : String(e)),
      );
    } else if (run.scenarioId) {
      void simulate(run.scenarioId, run.settings);
    }
  }, [simulate, openText, onDamaged]);

  useEffect(() => {
    const p = pending.current;
    if (!simulation || !p || (p.frame === null && p.moment === null && p.view === null && !p.window && !p.timelineFilter && !p.packetFilter)) return;
    pending.current = { frame: null, moment: null, view: null };
    if (p.frame !== null) selectFrame(p.frame);
    if (p.moment !== null) seek(p.moment);
    if (p.view !== null) setMainView(p.view);
    if (p.window) setTimelineWindow(p.window);
    if (p.timelineFilter) setTimelineFilter({ ...p.timelineFilter, hiddenSubflows: new Set(p.timelineFilter.hiddenSubflows) });
    if (p.packetFilter) setPacketFilter(p.packetFilter);
  }, [simulation, selectFrame, seek, setMainView, setTimelineWindow, setTimelineFilter, setPacketFilter]);

  // The moment goes into the link when the replay rests (not 60 times a second while it plays).
  const moment = !simulation || playing || nowUs >= simulation.endUs ? null : nowUs;
  // While a lesson is open, the address names the lesson (use-lesson-link.ts), not the run.
  const lessonOpen = useAppStore(selectLessonOpen);
  useEffect(() => {
    if (lessonOpen) return;
    let cancelled = false;
    const write = (query: string) => {
      if (cancelled) return;
      const { origin, pathname } = window.location;
      // A link the server would refuse (HTTP 431) is never written: the address names nothing, and the share button offers the file.
      const fits = shareLinkFits(origin, pathname, query);
      setShareLinkStatus(query === '' ? { kind: 'none' } : fits ? { kind: 'link' } : { kind: 'too-long', bytes: linkBytes(`${origin}${pathname}${query}`) });
      const address = fits ? query : '';
      if (window.location.search !== address) window.history.replaceState(null, '', `${pathname}${address}`);
    };
    // A capture opened from a file is not a run anyone else can make: the address names nothing then.
    if (!simulation) {
      if (capture) write('');
      else setShareLinkStatus({ kind: 'none' });
      return;
    }
    const state = {
      scenarioId: simulation.scenarioId,
      protocol: simulation.protocol,
      mitigations: simulation.mitigations,
      moment,
      view,
      window: timelineWindow,
      timelineFilter: { ...timelineFilter, hiddenSubflows: [...timelineFilter.hiddenSubflows] },
      packetFilter,
    };
    if (!draft || (base && isBuiltinWithSwitches(draft, base.scenario))) write(shareLinkQuery(state, selectedFrame));
    else void encodeScenario(draft).then((document) => write(shareLinkQuery({ ...state, document }, selectedFrame)));
    return () => {
      cancelled = true;
    };
  }, [simulation, capture, selectedFrame, draft, base, moment, view, timelineWindow, timelineFilter, packetFilter, lessonOpen]);

  return linked;
}
