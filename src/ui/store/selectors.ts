/** Module-level selectors: components read the store only through these. */
import type { AppState } from './types.ts';
import { viewLength } from './view-model.ts';

export const selectCapture = (s: AppState) => s.capture;
export const selectReport = (s: AppState) => s.capture?.report ?? null;
export const selectLoading = (s: AppState) => s.loading;
export const selectError = (s: AppState) => s.error;
export const selectHasCapture = (s: AppState) => s.capture !== null;
export const selectSelectedFrame = (s: AppState) => s.selectedFrame;
export const selectDetail = (s: AppState) => s.detail;
export const selectSelectedField = (s: AppState) => s.selectedField;
export const selectExpandedFields = (s: AppState) => s.expandedFields;
export const selectFilter = (s: AppState) => s.filter;
export const selectFiltered = (s: AppState) => s.filtered;
export const selectFiltering = (s: AppState) => s.filtering;
export const selectRowsVersion = (s: AppState) => s.rowsVersion;
export const selectViewLength = (s: AppState) => viewLength(s.capture?.packets ?? 0, s.filtered);
export const selectCaptureId = (s: AppState) => s.capture?.id ?? null;

export const selectOpenFile = (s: AppState) => s.openFile;
export const selectLoadSample = (s: AppState) => s.loadSample;
export const selectDismissError = (s: AppState) => s.dismissError;
export const selectSelectFrame = (s: AppState) => s.selectFrame;
export const selectSelectField = (s: AppState) => s.selectField;
export const selectToggleField = (s: AppState) => s.toggleField;
export const selectSetFilter = (s: AppState) => s.setFilter;
export const selectRequestRows = (s: AppState) => s.requestRows;
export const selectRowAt = (s: AppState) => s.rowAt;
export const selectScenarios = (s: AppState) => s.scenarios;
export const selectSimulation = (s: AppState) => s.simulation;
export const selectSimulate = (s: AppState) => s.simulate;
export const selectLoadScenarios = (s: AppState) => s.loadScenarios;
