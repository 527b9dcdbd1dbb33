import type { StateCreator } from 'zustand/vanilla';
import { CaptureClientError } from '../../worker/capture-client.ts';
import type { RowCache } from './row-cache.ts';
import type { AppState, CaptureFailure, StoreDeps } from './types.ts';

/** What the slices share besides the state: the injected client and the row cache. */
export interface StoreInternals extends StoreDeps {
  rows: RowCache;
}

export type SliceCreator<T> = (internals: StoreInternals) => StateCreator<AppState, [], [], T>;

export function failureOf(e: unknown, fileName: string): CaptureFailure {
  if (e instanceof CaptureClientError) return { fileName, code: e.code, message: e.message };
  return { fileName, code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}
