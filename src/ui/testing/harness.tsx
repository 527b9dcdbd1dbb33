/** Test harness: a store on the in-thread client, and rendering inside its provider. */
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { InThreadCaptureClient } from '../../worker/capture-client.ts';
import { createAppStore, type AppStore } from '../store/app-store.ts';
import { StoreProvider } from '../store/store-context.tsx';

export function makeStore(sample: Uint8Array = new Uint8Array(0)): AppStore {
  return createAppStore({
    client: new InThreadCaptureClient(),
    fetchSample: async () => ({ bytes: sample.slice(), fileName: 'sample.pcap' }),
  });
}

export function renderWithStore(ui: ReactNode, store: AppStore): RenderResult {
  return render(<StoreProvider store={store}>{ui}</StoreProvider>);
}

/** Resolves once the store satisfies `ready` (the in-thread client still answers asynchronously). */
export function until(store: AppStore, ready: (s: ReturnType<AppStore['getState']>) => boolean, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ready(store.getState())) return resolve();
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error('timed out waiting for the store'));
    }, timeoutMs);
    const unsubscribe = store.subscribe((s) => {
      if (!ready(s)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}
