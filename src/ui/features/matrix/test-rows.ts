/** Hand-made matrix rows and state for the view tests. */
import type { MatrixRow } from '../../../engine/index.ts';
import type { AttackOption } from '../../../worker/capture-client.ts';
import type { MatrixState } from '../../store/types.ts';

export function matrixRow(over: Partial<MatrixRow>): MatrixRow {
  return {
    attack: 'add-addr-hijack',
    location: 'on-path',
    capability: 'active',
    window: null,
    protocol: 'v1',
    mitigations: ['add-addr-hmac'],
    scenario: 'attack-add-addr-hijack',
    failures: [],
    mptcpSpecific: [],
    tcpOnly: [],
    attempted: true,
    guessesUsed: 0,
    expectedGuesses: null,
    amplification: {},
    baseline: null,
    attackerKnew: [],
    runMs: 3,
    ...over,
  };
}

export function matrixState(rows: (MatrixRow | undefined)[], over: Partial<MatrixState> = {}): MatrixState {
  return { rows, total: 817, done: rows.filter(Boolean).length, workers: 2, running: true, startedAt: 1000, elapsedMs: null, error: null, busyMs: [], ...over };
}

export const TEST_ATTACKS: AttackOption[] = [
  { id: 'add-addr-hijack', label: 'ADD_ADDR hijack', rfc: 'RFC 7430 §2', description: 'Forge an ADD_ADDR announcing the attacker address.', needsActive: true, needsAddress: true },
  { id: 'passive-eavesdrop', label: 'Passive eavesdropping', rfc: 'RFC 7430 §1', description: 'Just watch.', needsActive: false, needsAddress: false },
];
