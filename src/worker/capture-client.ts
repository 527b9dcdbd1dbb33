/**
 * How the app talks to capture analysis. `WorkerCaptureClient` runs the
 * engine in a Web Worker; `InThreadCaptureClient` runs the same service on
 * the calling thread (the fallback, and what tests use). Both reject with a
 * `CaptureClientError` carrying the engine's code.
 */
import type { GoalCheck, LessonGoal, MatrixCell, PacketRow, Scenario } from '../engine/index.ts';
import type { CaptureService } from './capture-service.ts';
import type { AttackOption, FrameDetail, FrameVerdicts, Prevention, LoadProgress, OpenedCapture, PacketFilter, Request, Response, ResultOf, ScenarioCheck, ScenarioInfo, Simulated, SimulateSettings, SimulationSummary, WireError } from './protocol.ts';

export { SIM_PROTOCOLS } from './protocol.ts';
export { KEEP_PACKETS_UP_TO, keepsPackets } from './protocol.ts';
export type { PageReport, AttackOption, AttackerView, Decision, FrameVerdicts, HmacCheck, Prevention, FailureView, ScenarioCheck, FrameDetail, LoadProgress, OpenedCapture, PacketFilter, ScenarioInfo, SimProtocol, Simulated, SimulateSettings, SimulationSummary, VerdictView, WireError } from './protocol.ts';

export class CaptureClientError extends Error {
  readonly code: string;
  constructor(error: WireError) {
    super(error.message);
    this.name = 'CaptureClientError';
    this.code = error.code;
  }
}

export interface CaptureClient {
  /**
   * Reads and analyzes a capture slice by slice; the worker keeps the file
   * (not its bytes) under the returned captureId. Aborting `signal` stops it
   * at its next slice: the promise rejects with code CANCELLED.
   */
  open(file: Blob | Uint8Array, onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<OpenedCapture>;
  /** Packet-list rows for frames start+1 .. start+count. */
  rows(captureId: number, start: number, count: number): Promise<PacketRow[]>;
  /** Packet-list rows for the given frames (a filtered view). */
  rowsAt(captureId: number, frames: number[]): Promise<PacketRow[]>;
  /** The frames passing a filter, ascending. */
  filter(captureId: number, filter: PacketFilter): Promise<Uint32Array>;
  dissect(captureId: number, frame: number): Promise<FrameDetail | null>;
  /** Forgets a capture's bytes. */
  close(captureId: number): void;
  /** The built-in scenarios. */
  scenarios(): Promise<ScenarioInfo[]>;
  /**
   * Runs a built-in scenario (with `settings` applied) with the engine where this client runs it, and opens its capture.
   * Aborting `signal` stops the run at its next batch of events: it rejects with CANCELLED ("Run cancelled at 1.234 s simulated").
   */
  simulate(scenarioId: string, settings?: SimulateSettings, onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<Simulated>;
  /** Runs a scenario document (edited or opened); rejects with SCENARIO_INVALID and its problems' summary when it is not valid, CANCELLED when `signal` aborts. */
  simulateDocument(document: unknown, onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<Simulated>;
  /** Loads a scenario document (a value, JSON text or a file) the way a run would, reporting every problem with its JSON path. */
  checkScenario(document: unknown): Promise<ScenarioCheck>;
  /** The attacks the engine implements, for the attacker palette. */
  attacks(): Promise<AttackOption[]>;
  /** The capture file, to save it (the opened File itself, never read into memory). */
  captureFile(captureId: number): Promise<Blob>;
  /** What the hosts decided about a simulated run's frame (empty for a file). */
  decisions(captureId: number, frame: number): Promise<FrameVerdicts>;
  /** Runs a scenario document for its verdicts only (the compare view). */
  summarizeDocument(document: unknown): Promise<SimulationSummary>;
  /** The scenario a matrix row ran. */
  matrixScenario(cell: MatrixCell): Promise<Scenario>;
  /** For each failure of a scenario's run, the switches (v1, mitigations) that prevent it. */
  prevention(document: unknown): Promise<Prevention>;
  /** Runs the learner's scenario in the engine and judges a lesson exercise's goal on what the monitors found. */
  checkGoal(goal: LessonGoal, document: unknown): Promise<GoalCheck>;
  dispose(): void;
}

/** Strips a `Request` of what the client fills in itself. */
type Body<T extends Request['type']> = Omit<Extract<Request, { type: T }>, 'id'>;

export class InThreadCaptureClient implements CaptureClient {
  // Loaded on first use, so the engine stays out of the app's initial bundle (it lives in the worker's).
  private serviceLoad: Promise<CaptureService> | null = null;
  private nextCapture = 1;

  private get service(): Promise<CaptureService> {
    this.serviceLoad ??= import('./capture-service.ts').then((m) => new m.CaptureService());
    return this.serviceLoad;
  }

  private async run<T>(f: (service: CaptureService) => T | Promise<T>): Promise<T> {
    const service = await this.service;
    try {
      return await f(service);
    } catch (e) {
      throw toClientError(e);
    }
  }

  open(file: Blob | Uint8Array, onProgress: (p: LoadProgress) => void = () => {}, signal?: AbortSignal): Promise<OpenedCapture> {
    const id = this.nextCapture++;
    return this.run(async (s) => {
      const cancel = () => s.cancelOpen(id);
      signal?.addEventListener('abort', cancel, { once: true });
      try {
        if (signal?.aborted) throw new CaptureClientError({ code: 'CANCELLED', message: 'Opening cancelled' });
        return await s.open(id, file, onProgress);
      } finally {
        signal?.removeEventListener('abort', cancel);
      }
    });
  }
  rows(captureId: number, start: number, count: number): Promise<PacketRow[]> {
    return this.run((s) => s.rows(captureId, start, count));
  }
  rowsAt(captureId: number, frames: number[]): Promise<PacketRow[]> {
    return this.run((s) => s.rowsAt(captureId, frames));
  }
  filter(captureId: number, filter: PacketFilter): Promise<Uint32Array> {
    return this.run((s) => s.filter(captureId, filter));
  }
  dissect(captureId: number, frame: number): Promise<FrameDetail | null> {
    return this.run((s) => s.dissect(captureId, frame));
  }
  close(captureId: number): void {
    void this.service.then((s) => s.close(captureId));
  }
  scenarios(): Promise<ScenarioInfo[]> {
    return this.run((s) => s.scenarios());
  }
  simulate(scenarioId: string, settings: SimulateSettings = {}, onProgress: (p: LoadProgress) => void = () => {}, signal?: AbortSignal): Promise<Simulated> {
    const id = this.nextCapture++;
    return this.run((s) => s.simulate(id, scenarioId, settings, onProgress, () => signal?.aborted === true));
  }
  simulateDocument(document: unknown, onProgress: (p: LoadProgress) => void = () => {}, signal?: AbortSignal): Promise<Simulated> {
    const id = this.nextCapture++;
    return this.run((s) => s.simulateDocument(id, document, onProgress, () => signal?.aborted === true));
  }
  checkScenario(document: unknown): Promise<ScenarioCheck> {
    return this.run((s) => s.checkScenario(document));
  }
  attacks(): Promise<AttackOption[]> {
    return this.run((s) => s.attacks());
  }
  captureFile(captureId: number): Promise<Blob> {
    return this.run((s) => s.captureFile(captureId));
  }
  decisions(captureId: number, frame: number): Promise<FrameVerdicts> {
    return this.run((s) => s.decisions(captureId, frame));
  }
  summarizeDocument(document: unknown): Promise<SimulationSummary> {
    return this.run((s) => s.summarizeDocument(document));
  }
  matrixScenario(cell: MatrixCell): Promise<Scenario> {
    return this.run((s) => s.matrixScenario(cell));
  }
  prevention(document: unknown): Promise<Prevention> {
    return this.run((s) => s.prevention(document));
  }
  checkGoal(goal: LessonGoal, document: unknown): Promise<GoalCheck> {
    return this.run((s) => s.checkGoal(goal, document));
  }
  dispose(): void {}
}

function toClientError(e: unknown): CaptureClientError {
  if (e instanceof CaptureClientError) return e;
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    return new CaptureClientError({ code: String(e.code), message: String(e.message) });
  }
  return new CaptureClientError({ code: 'INTERNAL', message: `internal error: ${e instanceof Error ? e.message : String(e)}` });
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: CaptureClientError): void;
  onProgress?: (p: LoadProgress) => void;
}

export class WorkerCaptureClient implements CaptureClient {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private nextCapture = 1;

  constructor(private readonly worker: Worker) {
    worker.onmessage = (e: MessageEvent<Response>) => this.receive(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.failAll({ code: 'INTERNAL', message: `the analysis worker failed: ${e.message || 'unknown error'}` });
    };
  }

  private receive(msg: Response): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.progress);
      return;
    }
    this.pending.delete(msg.id);
    if (msg.type === 'result') p.resolve(msg.value);
    else p.reject(new CaptureClientError(msg.error));
  }

  private failAll(error: WireError): void {
    for (const p of this.pending.values()) p.reject(new CaptureClientError(error));
    this.pending.clear();
  }

  private call<T extends Request['type']>(body: Body<T>, onProgress?: (p: LoadProgress) => void, transfer: Transferable[] = []): Promise<ResultOf[T]> {
    const id = this.nextId++;
    return new Promise<ResultOf[T]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.worker.postMessage({ ...body, id } as Request, transfer);
    });
  }

  open(file: Blob | Uint8Array, onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<OpenedCapture> {
    // A File travels as a handle: the worker reads it slice by slice.
    const transfer = ArrayBuffer.isView(file) ? [file.buffer as ArrayBuffer] : [];
    const captureId = this.nextCapture++;
    const cancel = () => void this.call<'cancel-open'>({ type: 'cancel-open', captureId }).catch(() => {});
    signal?.addEventListener('abort', cancel, { once: true });
    const opened = this.call<'open'>({ type: 'open', captureId, file }, onProgress, transfer);
    if (signal?.aborted) cancel();
    return opened.finally(() => signal?.removeEventListener('abort', cancel));
  }
  rows(captureId: number, start: number, count: number): Promise<PacketRow[]> {
    return this.call<'rows'>({ type: 'rows', captureId, start, count });
  }
  rowsAt(captureId: number, frames: number[]): Promise<PacketRow[]> {
    return this.call<'rows-at'>({ type: 'rows-at', captureId, frames });
  }
  filter(captureId: number, filter: PacketFilter): Promise<Uint32Array> {
    return this.call<'filter'>({ type: 'filter', captureId, filter });
  }
  dissect(captureId: number, frame: number): Promise<FrameDetail | null> {
    return this.call<'dissect'>({ type: 'dissect', captureId, frame });
  }
  close(captureId: number): void {
    void this.call<'close'>({ type: 'close', captureId }).catch(() => {});
  }
  scenarios(): Promise<ScenarioInfo[]> {
    return this.call<'scenarios'>({ type: 'scenarios' });
  }
  simulate(scenarioId: string, settings: SimulateSettings = {}, onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<Simulated> {
    return this.cancellable(signal, () => this.call<'simulate'>({ type: 'simulate', captureId: this.nextCapture++, scenarioId, settings }, onProgress));
  }
  simulateDocument(document: unknown, onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<Simulated> {
    return this.cancellable(signal, () => this.call<'simulate-document'>({ type: 'simulate-document', captureId: this.nextCapture++, document }, onProgress));
  }
  /** Starts a simulation request; when `signal` aborts, asks the worker to stop it (it rejects with CANCELLED then). */
  private cancellable<T>(signal: AbortSignal | undefined, start: () => Promise<T>): Promise<T> {
    const target = this.nextId;
    const request = start();
    if (signal) {
      const cancel = () => void this.call<'cancel'>({ type: 'cancel', target }).catch(() => {});
      if (signal.aborted) cancel();
      else signal.addEventListener('abort', cancel, { once: true });
      void request.then(
        () => signal.removeEventListener('abort', cancel),
        () => signal.removeEventListener('abort', cancel),
      );
    }
    return request;
  }
  checkScenario(document: unknown): Promise<ScenarioCheck> {
    return this.call<'check-scenario'>({ type: 'check-scenario', document });
  }
  attacks(): Promise<AttackOption[]> {
    return this.call<'attacks'>({ type: 'attacks' });
  }
  captureFile(captureId: number): Promise<Blob> {
    return this.call<'capture-file'>({ type: 'capture-file', captureId });
  }
  decisions(captureId: number, frame: number): Promise<FrameVerdicts> {
    return this.call<'decisions'>({ type: 'decisions', captureId, frame });
  }
  summarizeDocument(document: unknown): Promise<SimulationSummary> {
    return this.call<'summarize-document'>({ type: 'summarize-document', document });
  }
  matrixScenario(cell: MatrixCell): Promise<Scenario> {
    return this.call<'matrix-scenario'>({ type: 'matrix-scenario', cell });
  }
  prevention(document: unknown): Promise<Prevention> {
    return this.call<'prevention'>({ type: 'prevention', document });
  }
  checkGoal(goal: LessonGoal, document: unknown): Promise<GoalCheck> {
    return this.call<'check-goal'>({ type: 'check-goal', goal, document });
  }
  dispose(): void {
    this.failAll({ code: 'INTERNAL', message: 'the analysis worker was stopped' });
    this.worker.terminate();
  }
}

/** The worker client where Web Workers exist, else the in-thread one. */
export function createCaptureClient(): CaptureClient {
  if (typeof Worker === 'undefined') return new InThreadCaptureClient();
  try {
    const worker = new Worker(new URL('./capture.worker.ts', import.meta.url), { type: 'module', name: 'capture-analysis' });
    return new WorkerCaptureClient(worker);
  } catch {
    return new InThreadCaptureClient();
  }
}
