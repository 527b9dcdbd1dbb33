/**
 * Whether the run on screen has a share link, as use-share-link.ts found when
 * it wrote the address: the share button reads it to offer the scenario file
 * instead of a link no server would accept. One page has one address bar, so
 * this is one value for the page, like the address itself.
 */
import { useSyncExternalStore } from 'react';

export type ShareLinkStatus = { kind: 'none' } | { kind: 'link' } | { kind: 'too-long'; bytes: number };

let status: ShareLinkStatus = { kind: 'none' };
const listeners = new Set<() => void>();

export function setShareLinkStatus(next: ShareLinkStatus): void {
  if (next.kind === status.kind && (next.kind !== 'too-long' || (status.kind === 'too-long' && status.bytes === next.bytes))) return;
  status = next;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useShareLinkStatus(): ShareLinkStatus {
  return useSyncExternalStore(
    subscribe,
    () => status,
    () => status,
  );
}
