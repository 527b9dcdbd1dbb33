/**
 * A surface row made by hand for tests (engine, CLI and app alike): an
 * on-path active blind reset at client-r1 that acted and found nothing,
 * with the fields a test names replacing those.
 */
import type { SurfaceRow } from './surface-run.ts';

export function surfaceRowFixture(over: Partial<SurfaceRow> = {}): SurfaceRow {
  return {
    attack: 'blind-reset',
    place: 'client-r1',
    placeKind: 'link',
    location: 'on-path',
    capability: 'active',
    window: null,
    failures: [],
    mptcpSpecific: [],
    tcpOnly: [],
    attempted: true,
    guessesUsed: 0,
    amplification: {},
    attackerKnew: [],
    cutShort: false,
    ...over,
  };
}
