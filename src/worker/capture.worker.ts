/// <reference lib="webworker" />
/**
 * The capture worker: dispatch only. Every request goes to CaptureService,
 * which calls the engine; failures go back as `{ code, message }` data.
 */
import { describeError } from '../engine/index.ts';
import { CaptureService } from './capture-service.ts';
import type { LoadProgress, Request, Response } from './protocol.ts';
import { timelineBuffers } from './timeline-buffers.ts';

declare const self: DedicatedWorkerGlobalScope;

const service = new CaptureService();
/** Simulation requests running, and those asked to stop (their runs check between batches of events). */
const simulating = new Set<number>();
const cancelled = new Set<number>();

function post(message: Response, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

async function handle(req: Request): Promise<void> {
  try {
    switch (req.type) {
      case 'open': {
        const value = await service.open(req.captureId, req.file, (progress) => post({ type: 'progress', id: req.id, progress }));
        post({ type: 'result', id: req.id, value }, value.run ? timelineBuffers(value.run.timeline) : []);
        return;
      }
      case 'cancel-open':
        service.cancelOpen(req.captureId);
        post({ type: 'result', id: req.id, value: null });
        return;
      case 'rows':
        post({ type: 'result', id: req.id, value: await service.rows(req.captureId, req.start, req.count) });
        return;
      case 'rows-at':
        post({ type: 'result', id: req.id, value: await service.rowsAt(req.captureId, req.frames) });
        return;
      case 'filter': {
        const frames = await service.filter(req.captureId, req.filter);
        post({ type: 'result', id: req.id, value: frames }, [frames.buffer]);
        return;
      }
      case 'dissect': {
        const detail = await service.dissect(req.captureId, req.frame);
        post({ type: 'result', id: req.id, value: detail }, detail ? [detail.bytes.buffer] : []);
        return;
      }
      case 'close':
        service.close(req.captureId);
        post({ type: 'result', id: req.id, value: null });
        return;
      case 'scenarios':
        post({ type: 'result', id: req.id, value: service.scenarios() });
        return;
      case 'simulate':
      case 'simulate-document': {
        const onProgress = (progress: LoadProgress) => post({ type: 'progress', id: req.id, progress });
        const stop = () => cancelled.has(req.id);
        simulating.add(req.id);
        try {
          const value = req.type === 'simulate' ? await service.simulate(req.captureId, req.scenarioId, req.settings, onProgress, stop) : await service.simulateDocument(req.captureId, req.document, onProgress, stop);
          post({ type: 'result', id: req.id, value }, value.timeline ? timelineBuffers(value.timeline) : []);
        } finally {
          simulating.delete(req.id);
          cancelled.delete(req.id);
        }
        return;
      }
      case 'cancel':
        // A cancel that comes after its run ended (it was opening its capture) has nothing to stop.
        if (simulating.has(req.target)) cancelled.add(req.target);
        post({ type: 'result', id: req.id, value: null });
        return;
      case 'check-scenario':
        post({ type: 'result', id: req.id, value: await service.checkScenario(req.document) });
        return;
      case 'capture-file':
        post({ type: 'result', id: req.id, value: service.captureFile(req.captureId) });
        return;
      case 'decisions':
        post({ type: 'result', id: req.id, value: service.decisions(req.captureId, req.frame) });
        return;
      case 'summarize-document':
        post({ type: 'result', id: req.id, value: service.summarizeDocument(req.document) });
        return;
      case 'check-goal':
        post({ type: 'result', id: req.id, value: service.checkGoal(req.goal, req.document) });
        return;
      case 'prevention':
        post({ type: 'result', id: req.id, value: service.prevention(req.document) });
        return;
      case 'matrix-scenario':
        post({ type: 'result', id: req.id, value: service.matrixScenario(req.cell) });
        return;
      case 'attacks':
        post({ type: 'result', id: req.id, value: service.attacks() });
        return;
    }
  } catch (e) {
    post({ type: 'error', id: req.id, error: describeError(e) });
  }
}

self.onmessage = (event: MessageEvent<Request>) => {
  void handle(event.data);
};
