/// <reference lib="webworker" />
/** A surface worker: dispatch only (surface-share.ts does the work); failures go back as data. */
import { describeError } from '../engine/index.ts';
import type { SurfaceJob, SurfaceMessage } from './surface-protocol.ts';
import { handleSurfaceJob } from './surface-share.ts';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<SurfaceJob>) => {
  const post = (m: SurfaceMessage) => self.postMessage(m);
  handleSurfaceJob(event.data, post).catch((e: unknown) => post({ type: 'error', ...describeError(e) }));
};
