import type { OpenedCapture, SimulationSummary } from '../../worker/capture-client.ts';
import { defaultSpeed } from './playback-model.ts';
import type { CaptureSlice, SimulatedRun } from './types.ts';
import { failureOf, type SliceCreator } from './internals.ts';
import { isFiltering } from './view-model.ts';

export const createCaptureSlice: SliceCreator<CaptureSlice> = ({ client, rows, fetchSample }) => (set, get) => {
  /** Only the latest open may land; an older one finishing late is dropped. */
  let latest = 0;

  /** Puts a freshly analyzed capture on screen in place of the previous one. */
  const install = (opened: OpenedCapture, fileName: string, fileSize: number, simulation: SimulationSummary | null, run: SimulatedRun | null = null) => {
    const previous = get().capture;
    if (previous) client.close(previous.id);
    rows.clear();
    set((s) => ({
      capture: { id: opened.captureId, fileName, fileSize, report: opened.report, packets: opened.packets },
      simulation,
      run,
      // A run opens at its end (everything shown), paused, at a speed that replays it in about ten seconds.
      nowUs: run?.timeline?.endOfRunUs ?? 0,
      playing: false,
      speed: run?.timeline ? defaultSpeed(run.timeline.endOfRunUs) : s.speed,
      loading: null,
      selectedFrame: null,
      detail: null,
      selectedField: null,
      expandedFields: new Set<string>(),
      filtered: null,
      filtering: false,
      rowsVersion: s.rowsVersion + 1,
    }));
    if (isFiltering(get().filter)) get().setFilter({});
  };

  const simulate: CaptureSlice['simulate'] = async (scenarioId, settings = {}) => {
    const token = ++latest;
    const fileName = `${scenarioId}.pcap`;
    set({ loading: { fileName: `simulating ${scenarioId}`, progress: null }, error: null });
    try {
      const result = await client.simulate(scenarioId, settings, (progress) => {
        if (token === latest) set({ loading: { fileName, progress } });
      });
      if (token !== latest) {
        if (result.opened) client.close(result.opened.captureId);
        return;
      }
      const run = { scenario: result.scenario, timeline: result.timeline };
      if (result.opened) install(result.opened, fileName, result.pcapBytes, result.summary, run);
      else set({ loading: null, simulation: result.summary, run, nowUs: result.summary.endUs, playing: false });
    } catch (e) {
      if (token !== latest) return;
      set({ loading: null, error: failureOf(e, `simulation of ${scenarioId}`) });
    }
  };

  const openFile: CaptureSlice['openFile'] = async (file, fileName) => {
    const token = ++latest;
    set({ loading: { fileName, progress: null }, error: null });
    try {
      const opened = await client.open(file, (progress) => {
        if (token === latest) set({ loading: { fileName, progress } });
      });
      if (token !== latest) {
        client.close(opened.captureId);
        return;
      }
      install(opened, fileName, ArrayBuffer.isView(file) ? file.byteLength : file.size, null);
    } catch (e) {
      if (token !== latest) return;
      set({ loading: null, error: failureOf(e, fileName) });
    }
  };

  return {
    capture: null,
    loading: null,
    error: null,
    openFile,
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
  };
};
