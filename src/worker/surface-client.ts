/**
 * Runs a scenario's attack-surface sweep in N Web Workers (or in-thread
 * where workers do not exist, as in tests), reporting each row as it
 * finishes; and builds one row's scenario off the main thread.
 */
import type { AttackId, Scenario, SurfaceCell, SurfacePlan, SurfaceResult, SurfaceRow, TradeoffProgress, TradeoffResult } from '../engine/index.ts';
import type { SurfaceJob, SurfaceMessage } from './surface-protocol.ts';

export interface SurfaceRunHandlers {
  /** The plan (known once the first worker has planned): how many rows, the places, and the cells that cannot be built. */
  onPlanned(total: number, places: SurfacePlan['places'], skipped: SurfacePlan['skipped']): void;
  onRow(index: number, row: SurfaceRow): void;
}

export interface SurfaceRun {
  /** Resolves when every worker is done; rejects with the first worker's error. */
  done: Promise<void>;
  cancel(): void;
}

const spawn = (name: string) => new Worker(new URL('./surface.worker.ts', import.meta.url), { type: 'module', name });

const failure = (m: Extract<SurfaceMessage, { type: 'error' }>) => Object.assign(new Error(m.message), { code: m.code });

export function runSurfaceInWorkers(scenario: Scenario, workers: number, h: SurfaceRunHandlers, attacks?: AttackId[]): SurfaceRun {
  if (typeof Worker === 'undefined') return runInThread(scenario, h, attacks);
  const pool: Worker[] = [];
  let planned = false;
  const done = Promise.all(
    Array.from({ length: workers }, (_, share) => {
      const worker = spawn(`attack-surface-${share + 1}`);
      pool.push(worker);
      return new Promise<void>((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<SurfaceMessage>) => {
          const m = e.data;
          if (m.type === 'planned' && !planned) {
            planned = true;
            h.onPlanned(m.total, m.places, m.skipped);
          } else if (m.type === 'row') h.onRow(m.index, m.row);
          else if (m.type === 'done') resolve();
          else if (m.type === 'error') reject(failure(m));
        };
        worker.onerror = (e) => {
          e.preventDefault();
          reject(new Error(`a surface worker failed: ${e.message || 'unknown error'}`));
        };
        worker.postMessage({ type: 'share', scenario, ...(attacks ? { attacks } : {}), share, of: workers } satisfies SurfaceJob);
      });
    }),
  ).then(() => undefined);
  const stop = () => pool.forEach((w) => w.terminate());
  void done.then(stop, stop);
  return { done, cancel: stop };
}

function runInThread(scenario: Scenario, h: SurfaceRunHandlers, attacks?: AttackId[]): SurfaceRun {
  let cancelled = false;
  const done = import('./surface-share.ts').then(({ runSurfaceShare }) =>
    runSurfaceShare(
      { type: 'share', scenario, ...(attacks ? { attacks } : {}), share: 0, of: 1 },
      (m) => {
        if (cancelled) throw new Error('cancelled');
        if (m.type === 'planned') h.onPlanned(m.total, m.places, m.skipped);
        else if (m.type === 'row') h.onRow(m.index, m.row);
      },
      () => new Promise((resolve) => setTimeout(resolve, 0)),
    ),
  );
  return {
    done,
    cancel: () => {
      cancelled = true;
    },
  };
}

/** The scenario a row ran: the swept scenario with the row's one attacker, its window and strike read off the attacker-free run. */
export function surfaceRowScenario(scenario: Scenario, cell: SurfaceCell): Promise<Scenario> {
  const job: SurfaceJob = { type: 'scenario', scenario, cell };
  if (typeof Worker === 'undefined') {
    return import('./surface-share.ts').then(({ handleSurfaceJob }) => {
      let out: Scenario | null = null;
      return handleSurfaceJob(job, (m) => {
        if (m.type === 'scenario') out = m.scenario;
      }).then(() => out!);
    });
  }
  const worker = spawn('attack-surface-row');
  return new Promise<Scenario>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<SurfaceMessage>) => {
      const m = e.data;
      if (m.type === 'scenario') resolve(m.scenario);
      else if (m.type === 'error') reject(failure(m));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(`a surface worker failed: ${e.message || 'unknown error'}`));
    };
    worker.postMessage(job);
  }).finally(() => worker.terminate());
}

export interface TradeoffsRun {
  done: Promise<TradeoffResult>;
  cancel(): void;
}

/** The mitigation trade-offs in one worker (in-thread where there are none), with progress; cancel stops the worker. */
export function tradeoffsInWorker(scenario: Scenario, surface: SurfaceResult, onProgress: (p: TradeoffProgress) => void): TradeoffsRun {
  const job: SurfaceJob = { type: 'tradeoffs', scenario, surface };
  if (typeof Worker === 'undefined') {
    let cancelled = false;
    const done = import('./surface-share.ts').then(async ({ runTradeoffs }) => {
      let out: TradeoffResult | null = null;
      await runTradeoffs(
        job,
        (m) => {
          if (cancelled) throw new Error('cancelled');
          if (m.type === 'tradeoffs-progress') onProgress(m.progress);
          else if (m.type === 'tradeoffs') out = m.result;
        },
        () => performance.now(),
        () => new Promise((resolve) => setTimeout(resolve, 0)),
      );
      return out!;
    });
    return { done, cancel: () => void (cancelled = true) };
  }
  const worker = spawn('mitigation-tradeoffs');
  let reject: (e: Error) => void = () => {};
  const done = new Promise<TradeoffResult>((resolve, fail) => {
    reject = fail;
    worker.onmessage = (e: MessageEvent<SurfaceMessage>) => {
      const m = e.data;
      if (m.type === 'tradeoffs-progress') onProgress(m.progress);
      else if (m.type === 'tradeoffs') resolve(m.result);
      else if (m.type === 'error') fail(failure(m));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      fail(new Error(`the trade-off worker failed: ${e.message || 'unknown error'}`));
    };
    worker.postMessage(job);
  });
  void done.then(
    () => worker.terminate(),
    () => worker.terminate(),
  );
  return {
    done,
    cancel: () => {
      worker.terminate();
      reject(new Error('cancelled'));
    },
  };
}
