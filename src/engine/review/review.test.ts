import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../scenario/builtin/index.ts';
import { loadScenario } from '../scenario/load.ts';
import type { ReviewDecision } from '../scenario/types.ts';
import { defaultSeverity } from './severity.ts';
import { findingKey, newDecision, reconcileReview, surfaceFindings, withDecision } from './findings.ts';
import { planSurface } from './surface-plan.ts';
import { runSurface, surfaceVersion } from './surface.ts';
import { summarizePlace } from './surface-summary.ts';
import type { SurfaceRow } from './surface-run.ts';
import { surfaceRowFixture } from './surface-row-fixture.ts';

const natClient = () => builtinScenario('nat-client')!;

const row = (over: Partial<SurfaceRow>): SurfaceRow => surfaceRowFixture(over);

describe('planSurface', () => {
  it('covers every link, router and off-path, with the classes the model allows there', () => {
    const plan = planSurface(natClient());
    expect(plan.places.map((p) => p.id)).toEqual(['client-r1', 'r1-server', 'client-nat', 'nat-server', 'r1', 'off-path']);
    // Off-path is active only; an eavesdropper never follows an attack that sends.
    expect(plan.cells.filter((c) => c.place === 'off-path').every((c) => c.location === 'off-path' && c.capability === 'active')).toBe(true);
    expect(plan.cells.some((c) => c.attack === 'add-addr-hijack' && c.capability === 'eavesdropper')).toBe(false);
    expect(plan.cells.filter((c) => c.place === 'client-r1' && c.attack === 'passive-eavesdrop')).toHaveLength(8);
  });

  it('lists what it cannot place, with why, instead of leaving it out', () => {
    const plan = planSurface(natClient());
    const skipped = plan.skipped.filter((x) => x.cell.place === 'client-nat' && x.cell.attack === 'add-addr-hijack');
    expect(skipped).toHaveLength(4);
    expect(skipped[0]!.reason).toMatch(/address of its own reached through a router, and no router is at client-nat/);
  });
});

describe('summarizePlace', () => {
  const place = { id: 'client-r1', kind: 'link' as const };
  it('says not attempted, never defended, when no attacker there acted', () => {
    expect(summarizePlace(place, [row({ attempted: false })]).verdict).toBe('not-attempted');
    expect(summarizePlace(place, [row({ attempted: false }), row({ attempted: true })]).verdict).toBe('defended');
  });
  it('paints the worst failure: severity first, then MPTCP-specific', () => {
    const s = summarizePlace(place, [row({ failures: ['connection-dos', 'eavesdrop-data'] }), row({ failures: ['key-compromise'], mptcpSpecific: ['key-compromise'] })]);
    expect(s.worst).toEqual({ failure: 'key-compromise', severity: 'high', mptcpSpecific: true });
    expect(s.failures).toEqual(['key-compromise', 'eavesdrop-data', 'connection-dos']);
    expect(s.rowsWithFailures).toBe(2);
  });
  it('has nothing to paint where nothing ran', () => {
    expect(summarizePlace(place, []).verdict).toBe('not-run');
  });
});

describe('defaultSeverity', () => {
  it('follows STRIDE, one step up when MPTCP-specific', () => {
    expect(defaultSeverity('hijack', false)).toBe('high');
    expect(defaultSeverity('hijack', true)).toBe('high');
    expect(defaultSeverity('eavesdrop-data', false)).toBe('medium');
    expect(defaultSeverity('key-compromise', true)).toBe('high');
    expect(defaultSeverity('join-dos', false)).toBe('low');
    expect(defaultSeverity('join-dos', true)).toBe('medium');
  });
});

describe('reconcileReview', () => {
  const rows = [row({ failures: ['connection-dos'] }), row({ attack: 'data-injection', failures: ['data-injection', 'eavesdrop-data'] })];
  const findings = surfaceFindings(rows);
  it('keeps a decision on the same finding across runs, and flags what changed', () => {
    const accepted: ReviewDecision = { ...newDecision(findings.find((f) => f.failure === 'connection-dos')!), status: 'accepted', owner: 'ana' };
    const review = withDecision(undefined, accepted, findings);
    expect(review.reviewed).toHaveLength(3);
    const same = reconcileReview(review, findings);
    expect(same.find((x) => x.key === findingKey(accepted))).toMatchObject({ flag: 'unchanged', decision: { status: 'accepted', owner: 'ana' } });
    expect(same.every((x) => x.flag === 'unchanged')).toBe(true);
    // A re-run without the reset's failure, and with a failure the review never saw.
    const later = surfaceFindings([row({ attack: 'data-injection', failures: ['data-injection', 'eavesdrop-data'] }), row({ attack: 'passive-eavesdrop', capability: 'eavesdropper', failures: ['key-compromise'] })]);
    const flags = Object.fromEntries(reconcileReview(review, later).map((x) => [x.key, x.flag]));
    expect(flags[findingKey(accepted)]).toBe('no-longer-found');
    expect(flags['passive-eavesdrop/client-r1/on-path/eavesdropper/-/key-compromise']).toBe('new');
    expect(flags['data-injection/client-r1/on-path/active/-/data-injection']).toBe('unchanged');
  });
  it('flags nothing as new before there is a review', () => {
    expect(reconcileReview(undefined, findings).every((x) => x.flag === 'unchanged')).toBe(true);
  });
});

describe('the review section of a scenario', () => {
  const doc = (review: unknown) => ({ ...JSON.parse(JSON.stringify(natClient())), review });
  it('loads with its defaults filled', () => {
    const r = loadScenario(doc({ decisions: [{ attack: 'blind-reset:remove-addr', place: 'r1', location: 'on-path', capability: 'active', failure: 'hijack', severity: 'high' }] }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario.review).toEqual({ decisions: [{ attack: 'blind-reset:remove-addr', place: 'r1', location: 'on-path', capability: 'active', window: null, failure: 'hijack', status: 'open', severity: 'high', owner: '', comment: '' }], reviewed: [] });
  });
  it('names what is wrong, and where', () => {
    const r = loadScenario(doc({ decisions: [{ attack: 'blind-reset', place: 'r1', location: 'on-path', capability: 'active', failure: 'hijack', severity: 'urgent', status: 'done' }] }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path).sort()).toEqual(['$.review.decisions[0].severity', '$.review.decisions[0].status']);
  });
  it('does not change the surface version: a sweep is reused after a decision', () => {
    const s = natClient();
    expect(surfaceVersion({ ...s, review: { decisions: [], reviewed: ['x'] }, ui: { zoom: 2 } })).toBe(surfaceVersion(s));
    expect(surfaceVersion({ ...s, mptcp: { ...s.mptcp, mitigations: ['tls'] } })).not.toBe(surfaceVersion(s));
  });
});

describe('runSurface', () => {
  it('finds what the monitors find, and gives the same JSON every time', () => {
    const s = builtinScenario('two-path-v1')!;
    const a = runSurface(s, { attacks: ['passive-eavesdrop', 'blind-reset'] });
    const b = runSurface(s, { attacks: ['passive-eavesdrop', 'blind-reset'] });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const onLink = a.places.find((p) => p.kind === 'link')!;
    expect(onLink.failures).toContain('eavesdrop-data');
    // TLS takes the plaintext away from every place.
    const tls = runSurface({ ...s, mptcp: { ...s.mptcp, mitigations: ['tls'] } }, { attacks: ['passive-eavesdrop'] });
    expect(tls.rows.some((r) => r.failures.includes('eavesdrop-data'))).toBe(false);
  });
});
