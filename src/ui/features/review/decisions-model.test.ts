import { describe, expect, it } from 'vitest';
import type { Finding, ReviewDecision, ReviewedFinding, SurfaceRow } from '../../../engine/index.ts';
import { decisionWith, entriesAt, sortEntries, summaryText } from './decisions-model.ts';

const row = (place: string): SurfaceRow => ({ attack: 'blind-reset', place, placeKind: 'router', location: 'on-path', capability: 'active', window: null, failures: ['connection-dos'], mptcpSpecific: [], tcpOnly: [], attempted: true, guessesUsed: 0, amplification: {}, attackerKnew: [], cutShort: false });
const finding = (place: string): Finding => ({ key: `blind-reset/${place}/on-path/active/-/connection-dos`, row: row(place), failure: 'connection-dos', mptcpSpecific: false, defaultSeverity: 'low' });
const entry = (place: string, decision: Partial<ReviewDecision> | null = null, flag: ReviewedFinding['flag'] = 'unchanged'): ReviewedFinding => {
  const f = finding(place);
  return { key: f.key, finding: f, decision: decision && decisionWith({ key: f.key, finding: f, decision: null, flag }, decision), flag };
};

describe('decisions model', () => {
  it('orders flagged entries first (new, then no longer found), then by severity, else as the engine gave them', () => {
    const gone: ReviewedFinding = { ...entry('r9', { status: 'accepted' }), finding: null, flag: 'no-longer-found' };
    const list = [entry('r1'), entry('r2', { severity: 'high' }), gone, entry('r3'), entry('r4', null, 'new')];
    expect(sortEntries(list).map((e) => e.key.split('/')[1])).toEqual(['r4', 'r9', 'r2', 'r1', 'r3']);
    expect(entriesAt(list, 'r9')).toEqual([gone]);
    expect(entriesAt(list, null)).toHaveLength(5);
  });

  it('makes a new decision for a finding without one, and patches an existing one', () => {
    expect(decisionWith(entry('r1'), { owner: 'ana' })).toEqual({ attack: 'blind-reset', place: 'r1', location: 'on-path', capability: 'active', window: null, failure: 'connection-dos', status: 'open', severity: 'low', owner: 'ana', comment: '' });
    expect(decisionWith(entry('r1', { comment: 'why' }), { status: 'mitigated' })).toMatchObject({ comment: 'why', status: 'mitigated' });
  });

  it('sums up statuses of the findings this run shows, and the flags', () => {
    expect(summaryText([])).toBe('0 findings');
    expect(summaryText([entry('r1')])).toBe('1 finding: 1 open');
    const gone: ReviewedFinding = { ...entry('r9', { status: 'accepted' }), finding: null, flag: 'no-longer-found' };
    expect(summaryText([entry('r1', { status: 'not-applicable' }), entry('r2', { status: 'accepted' }), entry('r3', null, 'new'), gone])).toBe('3 findings: 1 open, 1 accepted, 1 not applicable, 1 new, 1 no longer found');
  });
});
