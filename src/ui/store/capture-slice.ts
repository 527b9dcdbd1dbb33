import type { LoadProgress, OpenedCapture, Simulated, SimulationSummary } from '../../worker/capture-client.ts';
import { defaultSpeed } from './playback-model.ts';
import type { CaptureSlice, SimulatedRun } from './types.ts';
import { failureOf, type SliceCreator } from './internals.ts';
import { isFiltering } from './view-model.ts';
import { heavyCost } from './heavy-run.ts';

export const createCaptureSlice: SliceCreator<CaptureSlice> = ({ client, rows, fetchSample }) => (set, get) => {
  /** Only the latest open may land; an older one finishing late is dropped. */
  let latest = 0;
  /** Stops the simulation in progress (a newer run, Cancel, Escape). */
  let running: AbortController | null = null;
  /** Stops the file open in progress (null when none is). */
  let abortOpen: AbortController | null = null;

  /** Puts a freshly analyzed capture on screen in place of the previous one. */
  const install = (opened: OpenedCapture, fileName: string, fileSize: number, simulation: SimulationSummary | null, run: SimulatedRun | null = null) => {
    const previous = get().capture;
    if (previous) client.close(previous.id);
    rows.clear();
    set((s) => ({
      capture: { id: opened.captureId, fileName, fileSize, report: opened.report, packets: opened.packets, frames: opened.frames },
      simulation,
      run,
      // A run opens at its end (everything shown), paused, at a speed that replays it in about ten seconds.
      nowUs: run?.timeline?.endOfRunUs ?? 0,
      playing: false,
      speed: run?.timeline ? defaultSpeed(run.timeline.endOfRunUs) : s.speed,
      // A capture opens on its packet list, the ladder and topology a tab away.
      mainView: run?.source === 'capture' ? 'packets' : s.mainView,
      loading: null,
      selectedFrame: null,
      hoveredFrame: null,
      detail: null,
      selectedField: null,
      expandedFields: new Set<string>(),
      filtered: null,
      filtering: false,
      rowsVersion: s.rowsVersion + 1,
    }));
    if (isFiltering(get().filter)) get().setFilter({});
  };

  /** Runs a built-in (with switches) or a document; only the latest run lands. Resolves true when it did. */
  const runSimulation = async (label: string, start: (onProgress: (p: LoadProgress) => void, signal: AbortSignal) => Promise<Simulated>, edited = false): Promise<boolean> => {
    const token = ++latest;
    const fileName = `${label}.pcapng`;
    // A newer run replaces an older one still going: the worker stops it rather than finishing it for nothing.
    running?.abort();
    const controller = new AbortController();
    running = controller;
    set({ loading: { fileName: `simulating ${label}`, progress: null }, error: null, heavyRun: null, runNotice: null, openNotice: null });
    try {
      const result = await start((progress) => {
        if (token === latest) set({ loading: { fileName, progress } });
      }, controller.signal);
      if (token !== latest) {
        if (result.opened) client.close(result.opened.captureId);
        return false;
      }
      performance.mark('lab:run-received');
      const run = { scenario: result.scenario, timeline: result.timeline };
      if (result.opened) install(result.opened, fileName, result.pcapBytes, result.summary, run);
      else set({ loading: null, simulation: result.summary, run, nowUs: result.summary.endUs, playing: false });
      return true;
    } catch (e) {
      if (token !== latest) return false;
      const error = failureOf(e, `simulation of ${label}`);
      // Cancelled: the previous run stays on screen, and a status says where this one stopped.
      if (error.code === 'CANCELLED') {
        set({ loading: null, runNotice: `${error.message}. The previous view stays on screen.` });
        return false;
      }
      // An edit the engine refuses: the last good run stays, and the edit can be undone or finished.
      if (edited) Object.assign(error, { title: `The edited scenario “${label}” cannot run`, hint: 'The last run stays on screen. Undo the edit (Ctrl+Z), or finish it (a new router needs a link, for instance).' });
      set({ loading: null, error });
      return false;
    } finally {
      if (running === controller) running = null;
    }
  };

  const simulate: CaptureSlice['simulate'] = async (scenarioId, settings = {}) => {
    if (await runSimulation(scenarioId, (p, signal) => client.simulate(scenarioId, settings, p, signal))) {
      // A built-in run starts a new draft: the scenario as run; the work before it stays one undo away.
      set((s) => {
        const scenario = s.run?.scenario ?? null;
        if (!scenario) return {};
        const past = s.draft ? [...s.past, { changes: [], before: { scenario: s.draft, base: s.draftBase } }] : s.past;
        return { draft: scenario, draftBase: { id: scenarioId, scenario }, past, future: [] };
      });
    }
  };

  const runDraft: CaptureSlice['runDraft'] = async (options = {}) => {
    const draft = get().draft;
    if (!draft) return;
    // A heavy scenario that arrived by itself (a link, saved work) shows its estimate and waits to be asked.
    const heavy = options.auto ? heavyCost(draft) : null;
    if (heavy) {
      set({ heavyRun: { title: draft.title, ...heavy } });
      return;
    }
    const landed = await runSimulation(draft.id, (p, signal) => client.simulateDocument(draft, p, signal), true);
    // Cancelled, a heavy draft waits again with its estimate, to be run when the user is ready.
    const cost = !landed && get().runNotice !== null && get().draft === draft ? heavyCost(draft) : null;
    if (cost) set({ heavyRun: { title: draft.title, ...cost } });
  };

  const openFile: CaptureSlice['openFile'] = async (file, fileName) => {
    const token = ++latest;
    abortOpen?.abort();
    const abort = new AbortController();
    abortOpen = abort;
    set({ loading: { fileName, progress: null, cancellable: true }, error: null, openNotice: null });
    // A redraw of the bar at most every 100 ms: a fast worker's reports cost the page nothing.
    let shownAt = -Infinity;
    try {
      const opened = await client.open(
        file,
        (progress) => {
          const now = performance.now();
          if (token !== latest || (now - shownAt < 100 && progress.done < progress.total)) return;
          shownAt = now;
          set({ loading: { fileName, progress, cancellable: true } });
        },
        abort.signal,
      );
      if (token !== latest) {
        client.close(opened.captureId);
        return;
      }
      install(opened, fileName, ArrayBuffer.isView(file) ? file.byteLength : file.size, null, opened.run ? { source: 'capture', ...opened.run } : null);
    } catch (e) {
      if (token !== latest) return;
      set({ loading: null, error: failureOf(e, fileName) });
    } finally {
      if (abortOpen === abort) abortOpen = null;
    }
  };

  const cancelOpen: CaptureSlice['cancelOpen'] = () => {
    if (!abortOpen) return;
    abortOpen.abort();
    abortOpen = null;
    // Whatever the worker still sends for it is dropped; the view before it stays.
    latest++;
    set({ loading: null, openNotice: 'Opening cancelled' });
  };

  return {
    capture: null,
    loading: null,
    error: null,
    openNotice: null,
    openFile,
    cancelOpen,
    loadSample: async () => {
      const before = latest;
      set({ loading: { fileName: 'sample capture', progress: null }, error: null });
      try {
        const sample = await fetchSample();
        await openFile(sample.bytes, sample.fileName);
      } catch (e) {
        if (latest === before) set({ loading: null, error: failureOf(e, 'sample capture') });
      }
    },
    dismissError: () => set({ error: null }),
    showError: (error) => set({ error, loading: null }),
    scenarios: [],
    simulation: null,
    run: null,
    loadScenarios: async () => {
      try {
        set({ scenarios: await client.scenarios() });
      } catch (e) {
        set({ error: failureOf(e, 'the scenario list') });
      }
    },
    simulate,
    runDraft,
    heavyRun: null,
    cancelRun: () => running?.abort(),
    runNotice: null,
    dismissRunNotice: () => set({ runNotice: null }),
    captureFile: async () => {
      const capture = get().capture;
      if (!capture) return null;
      try {
        return await client.captureFile(capture.id);
      } catch (e) {
        set({ error: failureOf(e, capture.fileName) });
        return null;
      }
    },
  };
};
