import { useEffect, useRef } from 'react';
import { useAppStore } from '../store/store-context.tsx';
import { selectCapture, selectSelectFrame, selectSelectedFrame, selectSimulate, selectSimulation } from '../store/selectors.ts';
import { parseShareLink, shareLinkQuery } from '../lib/share-link.ts';

/**
 * Opens the run a share link names (and selects its packet), and keeps the
 * address bar naming the run and packet on screen, so copying it shares
 * exactly that.
 */
export function useShareLink(): void {
  const simulate = useAppStore(selectSimulate);
  const selectFrame = useAppStore(selectSelectFrame);
  const simulation = useAppStore(selectSimulation);
  const capture = useAppStore(selectCapture);
  const selectedFrame = useAppStore(selectSelectedFrame);
  const pendingFrame = useRef<number | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const run = parseShareLink(window.location.search);
    if (!run) return;
    pendingFrame.current = run.frame;
    void simulate(run.scenarioId, run.settings);
  }, [simulate]);

  useEffect(() => {
    if (!simulation || pendingFrame.current === null) return;
    const frame = pendingFrame.current;
    pendingFrame.current = null;
    selectFrame(frame);
  }, [simulation, selectFrame]);

  useEffect(() => {
    // A capture opened from a file is not a run anyone else can make: the address names nothing then.
    const query = simulation ? shareLinkQuery(simulation, selectedFrame) : capture ? '' : null;
    if (query === null || window.location.search === query) return;
    window.history.replaceState(null, '', `${window.location.pathname}${query}`);
  }, [simulation, capture, selectedFrame]);
}
