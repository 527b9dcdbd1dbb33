/// <reference lib="webworker" />
/** A matrix worker: dispatch only (runMatrixShare does the work); failures go back as data. */
import { describeError } from '../engine/index.ts';
import type { MatrixJob, MatrixMessage } from './matrix-protocol.ts';
import { runMatrixShare } from './matrix-share.ts';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<MatrixJob>) => {
  const post = (m: MatrixMessage) => self.postMessage(m);
  runMatrixShare(event.data, post).catch((e: unknown) => post({ type: 'error', ...describeError(e) }));
};
