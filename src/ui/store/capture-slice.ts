import type { CaptureSlice } from './types.ts';
import { failureOf, type SliceCreator } from './internals.ts';
import { isFiltering } from './view-model.ts';

export const createCaptureSlice: SliceCreator<CaptureSlice> = ({ client, rows, fetchSample }) => (set, get) => {
  /** Only the latest open may land; an older one finishing late is dropped. */
  let latest = 0;

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
      const previous = get().capture;
      if (previous) client.close(previous.id);
      rows.clear();
      set((s) => ({
        capture: {
          id: opened.captureId,
          fileName,
          fileSize: ArrayBuffer.isView(file) ? file.byteLength : file.size,
          report: opened.report,
          packets: opened.packets,
        },
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
  };
};
