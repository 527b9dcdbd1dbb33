import { describe, expect, it } from 'vitest';
import { MARK, builtinScenario, focusTarget, loadLesson, withSwitches, type LessonOutcome, type TimelineData } from '../../../../engine/index.ts';
import { describeStep, failureQuestion, focusOf, ordinal, recordStep, type OnScreen } from './record-step.ts';
import { authoredLesson } from './authoring-doc.ts';

/** A ladder of frames with these marks, sent by these attackers (-1: a host), frame k+1 arriving at (k+1) ms. */
function ladder(marks: number[], attacker: number[] = marks.map(() => -1)): TimelineData {
  const n = marks.length;
  return {
    count: n,
    marks: Uint16Array.from(marks),
    attacker: Int16Array.from(attacker),
    endUs: Float64Array.from(marks.map((_, k) => (k + 1) * 1000)),
    startUs: new Float64Array(n),
  } as unknown as TimelineData;
}

const base = builtinScenario('two-path-v1')!;
const screen = (over: Partial<OnScreen> = {}): OnScreen => ({ draft: base, draftBase: { id: 'two-path-v1', scenario: base }, nowUs: 12_345.6, selectedFrame: null, mainView: 'overview', timeline: null, ...over });
const words = { title: 'Announcing an address', text: 'The server announces **198.18.2.2**.' };

const outcome = (failures: LessonOutcome['failures']): LessonOutcome => ({ protocol: 'mptcp-v1', mitigations: [], failures, attackers: [], dataIntact: true, hashWork: 0, cutShort: false });

describe('recordStep: what is on screen becomes a step', () => {
  it('names a built-in with its switches when the draft is that built-in switched', () => {
    const switched = withSwitches(base, { protocol: 'mptcp-v0', mitigations: ['tls'] });
    const step = recordStep(screen({ draft: switched }), words);
    expect(step.setup).toEqual({ builtin: 'two-path-v1', protocol: 'mptcp-v0', mitigations: ['tls'] });
    expect(step.title).toBe(words.title);
    expect(step.text).toBe(words.text);
    expect(step.view).toBe('overview');
  });

  it('carries the whole draft when it was edited beyond its switches, or has no built-in', () => {
    const edited = { ...base, attackers: [] as typeof base.attackers, seed: base.seed + 1 };
    expect(recordStep(screen({ draft: edited }), words).setup).toEqual({ scenario: edited });
    expect(recordStep(screen({ draftBase: null }), words).setup).toEqual({ scenario: base });
  });

  it('focuses the selected packet as the nth carrying its most telling option', () => {
    const t = ladder([MARK.MP_CAPABLE, MARK.DSS_MAP, MARK.ADD_ADDR | MARK.DSS_MAP, MARK.DATA_ACK, MARK.ADD_ADDR, MARK.MP_JOIN | MARK.SYN]);
    expect(recordStep(screen({ timeline: t, selectedFrame: 5 }), words).focus).toEqual({ at: 'option', option: 'ADD_ADDR', nth: 2 });
    expect(focusOf(0, 3, t)).toEqual({ at: 'option', option: 'ADD_ADDR', nth: 1 });
    expect(focusOf(0, 6, t)).toEqual({ at: 'option', option: 'MP_JOIN', nth: 1 });
  });

  it('focuses an attacker\'s packet without an option as the nth the attackers sent, else the moment', () => {
    const t = ladder([MARK.SYN, MARK.PAYLOAD, MARK.PAYLOAD, MARK.DSS_MAP], [-1, 0, -1, 0]);
    expect(focusOf(0, 4, t)).toEqual({ at: 'attacker-packet', nth: 2 });
    expect(focusOf(7_000.4, 3, t)).toEqual({ at: 'time', us: 7000 });
    expect(recordStep(screen(), words).focus).toEqual({ at: 'time', us: 12_346 });
    // A frame past the run (a stale selection) is no packet: the moment stands.
    expect(focusOf(5, 99, t)).toEqual({ at: 'time', us: 5 });
  });

  it('lands the player on the very packet that was selected', () => {
    const t = ladder([MARK.MP_CAPABLE, MARK.ADD_ADDR, MARK.PAYLOAD, MARK.ADD_ADDR | MARK.MP_PRIO, MARK.PAYLOAD, MARK.MP_FASTCLOSE], [-1, -1, 0, -1, 0, -1]);
    for (let frame = 1; frame <= t.count; frame++) {
      const focus = focusOf(0, frame, t);
      if (focus.at !== 'option' && focus.at !== 'attacker-packet') throw new Error(`frame ${frame} has no packet focus`);
      const filled = { ...focus, nth: focus.nth ?? 1 } as Parameters<typeof focusTarget>[0];
      expect(focusTarget(filled, t, [])?.frame).toBe(frame);
    }
  });

  it('leaves out a view a lesson cannot name (the matrix)', () => {
    expect(recordStep(screen({ mainView: 'matrix' }), words).view).toBeUndefined();
    expect(recordStep(screen({ mainView: 'packets' }), words).view).toBe('packets');
  });

  it('makes a lesson the engine\'s loader accepts', () => {
    const steps = [recordStep(screen({ timeline: ladder([MARK.ADD_ADDR]), selectedFrame: 1 }), words), recordStep(screen({ draft: withSwitches(base, { protocol: 'mptcp-v0' }) }), { title: 'v0', text: 'No HMAC.' })];
    const loaded = authoredLesson({ title: 'By hand', summary: 'Two steps.', steps });
    expect(loaded.ok).toBe(true);
    expect(describeStep(steps[0]!)).toBe('two-path-v1 · mptcp-v1 · no mitigations · packet: 1st ADD_ADDR · overview view');
    expect(describeStep({ title: 't', text: 't', setup: { builtin: 'attack-add-addr-hijack-v0', withoutAttackers: true }, view: 'topology' })).toBe('attack-add-addr-hijack-v0 · without its attackers · topology view');
    expect(describeStep({ title: 't', text: 't', switch: { mitigations: ['tls'] }, focus: { at: 'failure', failure: 'hijack' } })).toBe('same scenario as before · switched to mitigations: tls · at hijack');
  });
});

describe('failureQuestion: the run decides the answer', () => {
  it('answers "yes" when the monitors found the failure, with what the engine found', () => {
    const q = failureQuestion('hijack', outcome([{ id: 'hijack', timeUs: 158_545, mptcpSpecific: true, attacker: 'mallory' }]));
    expect(q.choices.map((c) => c.text)).toEqual(['Yes: Connection hijack occurs', 'No: Connection hijack does not occur']);
    expect(q.answer).toBe(0);
    expect(q.explain).toBe('The engine\'s run: Connection hijack (hijack) occurred at 0.158545 s, MPTCP-specific.');
  });

  it('answers "no" when they did not', () => {
    const q = failureQuestion('mitm', outcome([{ id: 'hijack', timeUs: 1, mptcpSpecific: true, attacker: 'mallory' }]));
    expect(q.answer).toBe(1);
    expect(q.explain).toContain('did not occur');
  });

  it('passes the lesson loader, which checks the answer index', () => {
    const q = failureQuestion('hijack', outcome([]));
    const loaded = loadLesson({ schemaVersion: 1, id: 'q', title: 'Q', summary: 'Q.', rfc: [], steps: [{ ...recordStep(screen(), words), question: q }] });
    expect(loaded.ok).toBe(true);
  });
});

describe('ordinal', () => {
  it('counts as people do', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th']);
  });
});
