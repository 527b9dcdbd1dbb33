import type { Lesson, MatrixProtocol, MatrixRow, PacketRow, Scenario, ScenarioProblem, SurfacePlan, SurfaceResult, SurfaceRow, TimelineData, TradeoffProgress, TradeoffResult } from '../../engine/index.ts';
import type { ScenarioChange } from './scenario-changes.ts';
import type { LessonProgress, LessonSource, OpenLesson, StepAnswer } from './lesson-model.ts';
import type { PageReport, AttackOption, CaptureClient, Decision, HmacCheck, Prevention, FrameDetail, LoadProgress, PacketFilter, ScenarioInfo, SimulateSettings, SimulationSummary } from '../../worker/capture-client.ts';

export interface LoadedCapture {
  id: number;
  fileName: string;
  fileSize: number;
  report: PageReport;
  /** Frames the packet list shows (the first MAX_INDEXED_FRAMES of a huge file). */
  packets: number;
  /** Frames in the file, all analyzed (more than `packets` when the list was capped). */
  frames: number;
}

export interface CaptureFailure {
  fileName: string;
  code: string;
  message: string;
  /** The alert's title when it is not about opening a file. */
  title?: string;
  /** What stays on screen and what to do, when not the default "Still showing …". */
  hint?: string;
  /** Text the user can save from the alert (saved work that was set aside, say). */
  download?: { label: string; fileName: string; text: string };
}

export interface CaptureSlice {
  /** The capture on screen (kept when opening another one fails). */
  capture: LoadedCapture | null;
  /** A file being read and analyzed (`cancellable` while opening a file, which `cancelOpen` stops). */
  loading: { fileName: string; progress: LoadProgress | null; cancellable?: boolean } | null;
  error: CaptureFailure | null;
  /** What became of the last open when it did not land: "Opening cancelled"; cleared by the next one. */
  openNotice: string | null;
  openFile(file: Blob | Uint8Array, fileName: string): Promise<void>;
  /** Stops the file being opened; what was on screen stays. */
  cancelOpen(): void;
  loadSample(): Promise<void>;
  dismissError(): void;
  /** Shows a coded failure found outside the store (a damaged link). */
  showError(error: CaptureFailure): void;
  /** Built-in scenarios, once the engine has listed them. */
  scenarios: ScenarioInfo[];
  /** The simulation whose capture is on screen, if it came from one. */
  simulation: SimulationSummary | null;
  /** That simulation's scenario (as run) and ladder data; null for a capture opened from a file. */
  run: SimulatedRun | null;
  loadScenarios(): Promise<void>;
  /** Runs a built-in scenario in the engine (in the worker), with the protocol and mitigation switches applied, and opens its capture. */
  simulate(scenarioId: string, settings?: SimulateSettings): Promise<void>;
  /** The open capture's file bytes (to save them), or null without one. */
  captureFile(): Promise<Blob | null>;
  /**
   * Runs the draft (the edited scenario) and opens its capture; a refused draft stays on screen with the error.
   * `auto`: the run was not asked for (a share link, saved work, an edit): a heavy one waits in `heavyRun` instead.
   */
  runDraft(options?: { auto?: boolean }): Promise<void>;
  /** A heavy draft that arrived by itself and waits for the user (runDraft() runs it); null when none. */
  heavyRun: HeavyRun | null;
  /** Stops the run in progress at its next batch of events; the previous run stays on screen. */
  cancelRun(): void;
  /** What happened to the last run besides landing ("Run cancelled at 1.234 s simulated …"); null when nothing to say. */
  runNotice: string | null;
  dismissRunNotice(): void;
}

export interface HeavyRun {
  title: string;
  seconds: number;
  megabytes: number;
  packets: number;
}

export interface SelectionSlice {
  selectedFrame: number | null;
  /** What the hosts decided about the selected frame's packet (simulated runs). */
  decisions: Decision[];
  /** The HMAC checks the selected frame's packet underwent, spelled out (simulated runs). */
  hmacChecks: HmacCheck[];
  detail: FrameDetail | null;
  /** Path of the selected field in `detail.layers` ("3.9.4": layer 3, child 9, child 4). */
  selectedField: string | null;
  expandedFields: ReadonlySet<string>;
  selectFrame(frame: number | null): void;
  /** The frame under the pointer in any view (the ladder's arrow, a list row), so the others can light it up; null when none. */
  hoveredFrame: number | null;
  hoverFrame(frame: number | null): void;
  selectField(path: string | null): void;
  /** Opens or closes a field's subtree (toggles without `open`). */
  toggleField(path: string, open?: boolean): void;
}

export interface ViewSlice {
  filter: PacketFilter;
  /** Frames passing the filter, ascending; null when nothing is filtered out. */
  filtered: Uint32Array | null;
  filtering: boolean;
  /** Bumped whenever rows arrive in the row cache, so the list redraws. */
  rowsVersion: number;
  setFilter(change: Partial<PacketFilter>): void;
  /** Asks for the rows of list positions [start, start + count) if they are not cached. */
  requestRows(start: number, count: number): void;
  /** The cached row at a list position, if it has arrived. */
  rowAt(position: number): PacketRow | undefined;
  /** Asks for the rows of these frames (1-based) if they are not cached (the ladder's labels and hover card). */
  requestFrameRows(frames: readonly number[]): void;
  /** The cached row of a frame, if it has arrived. */
  rowOfFrame(frame: number): PacketRow | undefined;
  /** What the hosts decided about a frame's packet (simulated runs; empty otherwise), for a view that shows it without selecting it. */
  frameDecisions(frame: number): Promise<Decision[]>;
  /** The timeline's zoom window, kept here so a share link carries it; null: the whole run. */
  timelineWindow: TimelineWindow | null;
  setTimelineWindow(w: TimelineWindow | null): void;
  /** The ladder's filters (option, subflows, actor), kept here so a share link carries them. */
  timelineFilter: TimelineFilter;
  setTimelineFilter(f: TimelineFilter): void;
}

export interface TimelineWindow {
  t0: number;
  t1: number;
  /** The length of the run it was set for; absent when a link set it (it applies to the run the link opens). */
  endUs?: number;
}

export type ActorFilter = 'all' | 'attackers' | 'hosts';

export interface TimelineFilter {
  /** MARK bits; a frame passes when it carries one of them (0: every frame). */
  marks: number;
  /** Subflow indexes hidden (-1 is "not TCP"). */
  hiddenSubflows: ReadonlySet<number>;
  actor: ActorFilter;
}

/** What the views draw: a simulated run, or an opened capture with the network inferred from its addresses. */
export interface SimulatedRun {
  /** 'capture': the scenario is inferred from an opened capture, for drawing only (never edited or run); absent: a simulation. */
  source?: 'capture';
  scenario: Scenario;
  /** Immutable columns, shared by reference (never copied into React state). */
  timeline: TimelineData | null;
}

export type MainView = 'overview' | 'timeline' | 'topology' | 'packets' | 'matrix' | 'compare' | 'surface';

/** Simulated time on screen, and the replay of a run. */
export interface PlaybackSlice {
  /** The moment on screen (µs of simulated time); a run opens at its end, showing everything. */
  nowUs: number;
  playing: boolean;
  /** Simulated seconds per real second. */
  speed: number;
  mainView: MainView;
  /** The colour theme in effect (canvases redraw when it changes). */
  theme: 'light' | 'dark';
  setTheme(theme: 'light' | 'dark'): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  /** Moves the moment (clamped to the run); stops playback at the end. */
  seek(us: number): void;
  /** Advances by real milliseconds at the current speed (the animation clock calls it). */
  tick(realMs: number): void;
  /** Moves to the next (+1) or previous (-1) packet after or before the moment, and selects it. */
  step(direction: 1 | -1): void;
  /** Back to the start, paused. */
  rewind(): void;
  setSpeed(speed: number): void;
  setMainView(view: MainView): void;
}

/** The attack matrix, run in workers from the app. */
export interface MatrixState {
  /** Rows as they arrive, by their place in the plan (undefined: not run yet). */
  rows: (MatrixRow | undefined)[];
  /** Rows in the plan (0 until the workers have planned). */
  total: number;
  done: number;
  workers: number;
  running: boolean;
  startedAt: number;
  /** Wall time of the whole sweep once it finished. */
  elapsedMs: number | null;
  /** Each finished worker's time spent running rows (how evenly the sweep was shared). */
  busyMs: number[];
  error: string | null;
}

export interface MatrixSlice {
  matrix: MatrixState | null;
  /** Runs every row of the matrix (every attack, class, version and mitigation set) in `workers` workers. */
  runMatrix(workers: number, protocols?: MatrixProtocol[]): void;
  cancelMatrix(): void;
  /** Opens a row's scenario as the run on screen (its timeline view). */
  openMatrixRow(row: MatrixRow): Promise<void>;
}

/** The attack-surface sweep of the draft, run in workers from the app. */
export interface SurfaceState {
  /** The scenario swept, as it was sent to the workers (a row opens from it). */
  scenario: Scenario;
  /** Its `surfaceVersion`: the draft is stale against the map when its version differs. */
  version: string;
  /** Rows as they arrive, by their place in the plan (undefined: not run yet). */
  rows: (SurfaceRow | undefined)[];
  /** The places and the cells that cannot be built (empty until the workers have planned). */
  places: SurfacePlan['places'];
  skipped: SurfacePlan['skipped'];
  /** Rows in the plan (0 until planned). */
  total: number;
  done: number;
  workers: number;
  running: boolean;
  startedAt: number;
  /** Wall time of the whole sweep once it finished (null while running, cancelled or failed). */
  elapsedMs: number | null;
  /** Stopped by the user: `result` covers the rows done, and is partial. */
  cancelled: boolean;
  /** Shown from the cache: an unchanged scenario's earlier sweep. */
  fromCache: boolean;
  error: string | null;
  /** The map so far: places summarised over the rows done (every place `not-run` before the first row). */
  result: SurfaceResult | null;
}

/** The mitigation trade-offs of the map on screen, computed in a worker. */
export interface TradeoffsState {
  /** The surface version they were computed for. */
  version: string;
  running: boolean;
  progress: TradeoffProgress | null;
  result: TradeoffResult | null;
  error: string | null;
}

export interface SurfaceSlice {
  surface: SurfaceState | null;
  tradeoffs: TradeoffsState | null;
  /** Measures the trade-offs of the finished map on screen (from the cache when this version has them). */
  computeTradeoffs(): void;
  cancelTradeoffs(): void;
  /** The place whose rows are listed (a link id, a router id or "off-path"). */
  surfacePlace: string | null;
  /** Sweeps the draft's attack surface in `workers` workers, or shows the cached map of the same scenario version at once. */
  mapSurface(workers: number): void;
  /** Stops the sweep; the rows done stay, as a partial map. */
  cancelSurface(): void;
  selectSurfacePlace(place: string | null): void;
  /** Opens a row's scenario as the run on screen (the map stays, to come back to). */
  openSurfaceRow(row: SurfaceRow): Promise<void>;
}

/** One side of a comparison: the draft with some changes. */
export interface CompareSide {
  label: string;
  changes: ScenarioChange[];
  summary: SimulationSummary | null;
}

export interface CompareState {
  a: CompareSide;
  b: CompareSide;
  running: boolean;
  error: string | null;
}

export interface CompareSlice {
  compare: CompareState | null;
  /** Runs the draft twice, with each side's changes, for their verdicts side by side. */
  runCompare(a: Omit<CompareSide, 'summary'>, b: Omit<CompareSide, 'summary'>): Promise<void>;
}

/** A lesson being followed: its steps, the learner's answers, checks and progress. */
export interface LessonSlice {
  lesson: OpenLesson | null;
  /** The built-in lessons, once loaded (their documents are a chunk of their own). */
  builtinLessons: readonly Lesson[];
  /** Loads the built-in lessons (once) and resolves with them. */
  loadLessons(): Promise<readonly Lesson[]>;
  /** Opens a lesson at its saved progress (or the start) and enters that step. */
  openLesson(lesson: Lesson, source: LessonSource, progress?: LessonProgress): Promise<void>;
  closeLesson(): void;
  /** Enters step i: its scenario (when its scene changes), its view and its focus. */
  goToStep(i: number): Promise<void>;
  answerStep(answer: StepAnswer): void;
  /** The learner did what step i waits for. */
  markWaited(i: number): void;
  revealHint(): void;
  /** Runs the learner's scenario in the engine and judges the step's goal on it. */
  checkExercise(): Promise<void>;
  /** Checks a lesson's text (a file or a link) and opens it; a bad one lists its problems and changes nothing. */
  openLessonText(text: string | Blob, fileName: string, source: LessonSource, step?: number): Promise<boolean>;
}

/** Presenter mode's layout: the selected view alone, or the topology beside the ladder. */
export type PresenterLayout = 'one' | 'side';

/** Presenting to a room: large type, the run's views full screen, the lesson step as a caption, a laser pointer. */
export interface PresenterSlice {
  presenter: { on: boolean; layout: PresenterLayout; laser: boolean };
  setPresenting(on: boolean): void;
  togglePresenting(): void;
  setPresenterLayout(layout: PresenterLayout): void;
  toggleLaser(): void;
}

export type AppState = CaptureSlice & SelectionSlice & ViewSlice & PlaybackSlice & ScenarioSlice & MatrixSlice & SurfaceSlice & CompareSlice & LessonSlice & PresenterSlice;

export interface StoreDeps {
  client: CaptureClient;
  /** Fetches the bundled sample capture. */
  fetchSample(): Promise<{ bytes: Blob | Uint8Array; fileName: string }>;
}

/** The built-in a draft started from, as it ran then (a draft equal to it but for its switches shares as a short link). */
export interface DraftBase {
  id: string;
  scenario: Scenario;
}

/** The scenario being edited and where it came from. */
export interface DraftSnapshot {
  scenario: Scenario;
  base: DraftBase | null;
}

/** One undoable step: the changes it made (none for a replaced scenario) and the draft before them. */
export interface EditBatch {
  changes: ScenarioChange[];
  before: DraftSnapshot;
}

/** The scenario the app edits and runs, its history, and opening/saving it. */
export interface ScenarioSlice {
  /** The scenario on screen (the last run's, with any edits since); null before the first run. */
  draft: Scenario | null;
  /** The built-in it started from, when it did (for short share links). */
  draftBase: DraftBase | null;
  past: EditBatch[];
  future: EditBatch[];
  /** Problems of a scenario file that could not be opened (the work on screen stayed); a capped list, closed by a count. */
  scenarioProblems: { fileName: string; kind?: 'scenario' | 'lesson'; problems: ({ path: string; message: string } & Partial<Pick<ScenarioProblem, 'code' | 'more'>>)[] } | null;
  /** The attack palette (the engine's registry), once listed. */
  attacks: AttackOption[];
  /** Applies changes to the draft as one undoable step and runs the result. */
  edit(changes: ScenarioChange | ScenarioChange[]): void;
  undo(): void;
  redo(): void;
  /** Replaces the draft (an opened file, autosaved work) as one undoable step and runs it. */
  replaceDraft(scenario: Scenario, base: DraftBase | null, options?: { run?: boolean }): void;
  /** Checks a scenario file's text with the engine; opens it when valid, else lists its problems and keeps the work. */
  openScenarioText(text: string | Blob, fileName: string): Promise<void>;
  /** The same for a file, refused before it is read when it is over the scenario size limit (SCENARIO_MAX_BYTES). */
  openScenarioFile(file: File): Promise<void>;
  /**
   * Brings back saved work (autosave) after checking it like any file: a
   * valid draft replaces the one on screen and runs; otherwise nothing
   * changes and the reason is returned (the caller sets the text aside).
   */
  restoreSavedWork(saved: unknown): Promise<{ ok: true } | { ok: false; reason: string }>;
  dismissScenarioProblems(): void;
  loadAttacks(): Promise<void>;
  /** For each failure of the draft's run, the switches that prevent it (measured in the worker; kept per draft). */
  preventionOfDraft(): Promise<Prevention | null>;
}
