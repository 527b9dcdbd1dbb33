/** Module-level selectors: components read the store only through these. */
import type { AppState } from './types.ts';
import { viewLength } from './view-model.ts';

export const selectCapture = (s: AppState) => s.capture;
export const selectReport = (s: AppState) => s.capture?.report ?? null;
export const selectLoading = (s: AppState) => s.loading;
/** Whether something is loading: for views that need no progress (they stay still while it ticks). */
export const selectBusy = (s: AppState) => s.loading !== null;
export const selectCancelOpen = (s: AppState) => s.cancelOpen;
export const selectOpenNotice = (s: AppState) => s.openNotice;
export const selectError = (s: AppState) => s.error;
export const selectHasCapture = (s: AppState) => s.capture !== null;
export const selectSelectedFrame = (s: AppState) => s.selectedFrame;
export const selectHoveredFrame = (s: AppState) => s.hoveredFrame;
export const selectHoverFrame = (s: AppState) => s.hoverFrame;
export const selectDetail = (s: AppState) => s.detail;
export const selectSelectedField = (s: AppState) => s.selectedField;
export const selectExpandedFields = (s: AppState) => s.expandedFields;
export const selectFilter = (s: AppState) => s.filter;
export const selectFiltered = (s: AppState) => s.filtered;
export const selectFiltering = (s: AppState) => s.filtering;
export const selectRowsVersion = (s: AppState) => s.rowsVersion;
export const selectTimelineWindow = (s: AppState) => s.timelineWindow;
export const selectSetTimelineWindow = (s: AppState) => s.setTimelineWindow;
export const selectTimelineFilter = (s: AppState) => s.timelineFilter;
export const selectSetTimelineFilter = (s: AppState) => s.setTimelineFilter;
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
export const selectRequestFrameRows = (s: AppState) => s.requestFrameRows;
export const selectRowOfFrame = (s: AppState) => s.rowOfFrame;
export const selectFrameDecisions = (s: AppState) => s.frameDecisions;
export const selectScenarios = (s: AppState) => s.scenarios;
export const selectSimulation = (s: AppState) => s.simulation;
export const selectSimulate = (s: AppState) => s.simulate;
export const selectLoadScenarios = (s: AppState) => s.loadScenarios;

export const selectRun = (s: AppState) => s.run;
export const selectTimeline = (s: AppState) => s.run?.timeline ?? null;
export const selectRunScenario = (s: AppState) => s.run?.scenario ?? null;
/** The views show an opened capture: its topology is inferred, to look at, not to edit. */
export const selectRunFromCapture = (s: AppState) => s.run?.source === 'capture';
/** Index (frame - 1) of the hovered frame in the run's timeline, or -1. */
const hoveredIndex = (s: AppState) => {
  const t = s.run?.timeline;
  return t && s.hoveredFrame !== null && s.hoveredFrame >= 1 && s.hoveredFrame <= t.count ? s.hoveredFrame - 1 : -1;
};
/** The link the hovered frame crossed (`link[f-1]`), or null: views light it up without re-rendering on every other hover. */
export const selectHoveredLink = (s: AppState) => {
  const i = hoveredIndex(s);
  return i < 0 ? null : (s.run!.timeline!.links[s.run!.timeline!.link[i]!] ?? null);
};
/** The subflow of the hovered frame (`subflow[f-1]`), or null. */
export const selectHoveredSubflow = (s: AppState) => {
  const i = hoveredIndex(s);
  const sf = i < 0 ? -1 : s.run!.timeline!.subflow[i]!;
  return sf >= 0 ? sf : null;
};
export const selectNowUs = (s: AppState) => s.nowUs;
export const selectPlaying = (s: AppState) => s.playing;
export const selectSpeed = (s: AppState) => s.speed;
export const selectMainView = (s: AppState) => s.mainView;
export const selectTogglePlay = (s: AppState) => s.togglePlay;
export const selectSeek = (s: AppState) => s.seek;
export const selectStep = (s: AppState) => s.step;
export const selectRewind = (s: AppState) => s.rewind;
export const selectSetSpeed = (s: AppState) => s.setSpeed;
export const selectSetMainView = (s: AppState) => s.setMainView;
export const selectTick = (s: AppState) => s.tick;
export const selectDraft = (s: AppState) => s.draft;
export const selectDraftBase = (s: AppState) => s.draftBase?.id ?? null;
export const selectDraftBaseScenario = (s: AppState) => s.draftBase;
export const selectEdit = (s: AppState) => s.edit;
export const selectUndo = (s: AppState) => s.undo;
export const selectRedo = (s: AppState) => s.redo;
export const selectCanUndo = (s: AppState) => s.past.length > 0;
export const selectCanRedo = (s: AppState) => s.future.length > 0;
export const selectUndoLabel = (s: AppState) => s.past[s.past.length - 1]?.changes ?? null;
export const selectRedoLabel = (s: AppState) => s.future[0]?.changes ?? null;
export const selectScenarioProblems = (s: AppState) => s.scenarioProblems;
export const selectDismissScenarioProblems = (s: AppState) => s.dismissScenarioProblems;
export const selectOpenScenarioText = (s: AppState) => s.openScenarioText;
export const selectOpenScenarioFile = (s: AppState) => s.openScenarioFile;
export const selectReplaceDraft = (s: AppState) => s.replaceDraft;
export const selectAttacks = (s: AppState) => s.attacks;
export const selectLoadAttacks = (s: AppState) => s.loadAttacks;
export const selectCaptureFile = (s: AppState) => s.captureFile;
export const selectShowError = (s: AppState) => s.showError;
export const selectMatrix = (s: AppState) => s.matrix;
export const selectRunMatrix = (s: AppState) => s.runMatrix;
export const selectCancelMatrix = (s: AppState) => s.cancelMatrix;
export const selectOpenMatrixRow = (s: AppState) => s.openMatrixRow;
export const selectCompare = (s: AppState) => s.compare;
export const selectRunCompare = (s: AppState) => s.runCompare;
export const selectDecisions = (s: AppState) => s.decisions;
export const selectTheme = (s: AppState) => s.theme;
export const selectSetTheme = (s: AppState) => s.setTheme;
export const selectPreventionOfDraft = (s: AppState) => s.preventionOfDraft;
export const selectHmacChecks = (s: AppState) => s.hmacChecks;
export const selectRunDraft = (s: AppState) => s.runDraft;
export const selectHeavyRun = (s: AppState) => s.heavyRun;
export const selectCancelRun = (s: AppState) => s.cancelRun;
export const selectRunNotice = (s: AppState) => s.runNotice;
export const selectDismissRunNotice = (s: AppState) => s.dismissRunNotice;
export const selectLesson = (s: AppState) => s.lesson;
/** While the step on screen asks a question not yet answered, the run's verdicts wait (predict, then reveal). */
export const selectVerdictsConcealed = (s: AppState) => {
  const l = s.lesson;
  if (!l) return false;
  const i = l.progress.step;
  return l.lesson.steps[i]?.question !== undefined && l.progress.answers[i] === undefined;
};
export const selectLessonOpen = (s: AppState) => s.lesson !== null;
/** What the lesson step on screen locks (null: nothing, or no lesson). */
export const selectLessonLock = (s: AppState) => {
  const l = s.lesson;
  return l?.lesson.steps[l.progress.step]?.lock ?? null;
};
export const selectPresenter = (s: AppState) => s.presenter;
export const selectPresenting = (s: AppState) => s.presenter.on;
export const selectTogglePresenting = (s: AppState) => s.togglePresenting;
export const selectSetPresenting = (s: AppState) => s.setPresenting;
export const selectSetPresenterLayout = (s: AppState) => s.setPresenterLayout;
export const selectToggleLaser = (s: AppState) => s.toggleLaser;

export const selectSurface = (s: AppState) => s.surface;
export const selectSurfacePlace = (s: AppState) => s.surfacePlace;
export const selectMapSurface = (s: AppState) => s.mapSurface;
export const selectCancelSurface = (s: AppState) => s.cancelSurface;
export const selectChooseSurfacePlace = (s: AppState) => s.selectSurfacePlace;
export const selectOpenSurfaceRow = (s: AppState) => s.openSurfaceRow;
export const selectTradeoffs = (s: AppState) => s.tradeoffs;
export const selectComputeTradeoffs = (s: AppState) => s.computeTradeoffs;
export const selectCancelTradeoffs = (s: AppState) => s.cancelTradeoffs;
