/**
 * The review the export tests share: a real sweep of the NAT scenario
 * (blind resets only, to stay fast), one off-path row made to find a
 * connection DoS (the real off-path attacker guesses wrong here, and the
 * off-path element needs a finding to appear), a decision of each status
 * plus one about a finding the sweep no longer shows, and a hand-made
 * trade-off table of that sweep's findings.
 */
import { builtinScenario } from '../scenario/builtin/index.ts';
import type { ReviewDecision, Scenario } from '../scenario/types.ts';
import { newDecision, surfaceFindings } from './findings.ts';
import { runSurface, type SurfaceResult } from './surface.ts';
import type { MitigationCost, TradeoffResult } from './tradeoff-types.ts';

export interface ReviewFixture {
  scenario: Scenario;
  surface: SurfaceResult;
  tradeoffs: TradeoffResult;
}

const cost = (over: Partial<MitigationCost> = {}): MitigationCost => ({ hashPerConnection: 40, hashPerJoin: 6, stateBytesPerConnection: 96, stateBytesPerJoin: 64, wireBytes: 210_000, joinsBroken: 0, natCompatible: true, ...over });

export function reviewFixture(): ReviewFixture {
  const base = builtinScenario('nat-client')!;
  const swept = runSurface(base, { attacks: ['blind-reset'] });
  const offPathAt = swept.rows.findIndex((r) => r.placeKind === 'off-path');
  const rows = swept.rows.map((r, i) => (i === offPathAt ? { ...r, failures: ['connection-dos' as const], attempted: true } : r));
  const surface: SurfaceResult = { ...swept, rows };
  const findings = surfaceFindings(rows);
  const pick = (failure: string, place?: string) => findings.find((f) => f.failure === failure && (place === undefined || f.row.place === place))!;
  const decisions: ReviewDecision[] = [
    { ...newDecision(pick('hijack', 'client-r1')), status: 'open', owner: 'ana', comment: 'Needs the remove-addr probe.' },
    { ...newDecision(pick('eavesdrop-data', 'r1')), status: 'mitigated', owner: 'bo', comment: 'TLS is on in production.' },
    { ...newDecision(pick('connection-dos', 'client-r1')), status: 'accepted', severity: 'medium', owner: 'ana', comment: 'An on-path attacker can always reset.' },
    { ...newDecision(pick('key-compromise', 'r1-server')), status: 'not-applicable', owner: 'cy', comment: 'This link is inside the data centre.' },
    { attack: 'join-dos', place: 'r1', location: 'on-path', capability: 'active', window: null, failure: 'join-dos', status: 'open', severity: 'low', owner: 'dee', comment: 'From an older sweep.' },
  ];
  const scenario: Scenario = { ...base, review: { decisions, reviewed: findings.map((f) => f.key).filter((k) => !k.includes('/degradation')) } };
  const keys = findings.map((f) => f.key);
  const eavesdrop = keys.filter((k) => k.endsWith('/eavesdrop-data') || k.endsWith('/key-compromise'));
  const resets = keys.filter((k) => k.endsWith('/connection-dos') || k.endsWith('/degradation'));
  const rest = keys.filter((k) => !eavesdrop.includes(k) && !resets.includes(k));
  const cheapest = { mitigations: ['tls' as const, 'dh-keys' as const], kinds: ['cheapest' as const], cost: cost({ hashPerConnection: 61, wireBytes: 214_000 }), stopped: [...eavesdrop, ...rest], remaining: resets, added: [] };
  const tradeoffs: TradeoffResult = {
    scenario: base.id,
    version: surface.version,
    rows: [
      { mitigations: [], kinds: ['defaults'], cost: cost(), stopped: [], remaining: keys, added: [] },
      { mitigations: ['tls'], kinds: ['alone'], cost: cost({ hashPerConnection: 58, wireBytes: 213_000 }), stopped: eavesdrop.filter((k) => k.endsWith('/eavesdrop-data')), remaining: keys.filter((k) => !k.endsWith('/eavesdrop-data')), added: [] },
      { mitigations: ['address-bound-join-hmac'], kinds: ['alone'], cost: cost({ joinsBroken: 1, natCompatible: false }), stopped: [], remaining: keys, added: [] },
      cheapest,
    ],
    stoppable: [...eavesdrop, ...rest],
    unstoppable: resets,
    cheapest,
    setsSearched: 7,
  };
  return { scenario, surface, tradeoffs };
}
