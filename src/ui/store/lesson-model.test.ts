import { describe, expect, it } from 'vitest';
import { builtinLesson, MARK, type TimelineData } from '../../engine/index.ts';
import { focusTarget, lockRefusal, newProgress, percentDone, stepDone } from './lesson-model.ts';

const lesson = builtinLesson('add-addr-hijack')!;

describe('lesson progress', () => {
  it('a step is done when seen, answered, solved and waited for, as it asks', () => {
    const p = newProgress();
    expect(stepDone(lesson, p, 0)).toBe(false);
    p.visited = [0, 1, 4, 7];
    expect(stepDone(lesson, p, 0)).toBe(false); // waits for an MP_JOIN to be opened
    p.waited = [0];
    expect(stepDone(lesson, p, 0)).toBe(true);
    expect(stepDone(lesson, p, 1)).toBe(false); // a question
    p.answers = { 1: { choice: 0 } };
    expect(stepDone(lesson, p, 1)).toBe(true);
    expect(stepDone(lesson, p, 4)).toBe(false); // an exercise
    p.solved = [4];
    expect(stepDone(lesson, p, 4)).toBe(true);
    expect(stepDone(lesson, p, 7)).toBe(true); // text only
    expect(percentDone(lesson, p)).toBe(Math.round((100 * 4) / lesson.steps.length));
  });
});

describe('focusTarget', () => {
  const t = { count: 4, marks: Uint16Array.from([MARK.SYN, MARK.ADD_ADDR, 0, MARK.ADD_ADDR]), attacker: Int16Array.from([-1, -1, 0, 0]), startUs: Float64Array.from([1, 2, 3, 4]), endUs: Float64Array.from([11, 12, 13, 14]) } as unknown as TimelineData;
  it('finds the nth packet with an option, or from an attacker, at the moment it arrived', () => {
    expect(focusTarget({ at: 'option', option: 'ADD_ADDR', nth: 2 }, t, [])).toEqual({ us: 14, frame: 4 });
    expect(focusTarget({ at: 'option', option: 'MP_JOIN', nth: 1 }, t, [])).toBeNull();
    expect(focusTarget({ at: 'attacker-packet', nth: 1 }, t, [])).toEqual({ us: 13, frame: 3 });
    const dss = { ...t, marks: Uint16Array.from([0, MARK.DATA_ACK, MARK.DSS_MAP, 0]) } as TimelineData;
    expect(focusTarget({ at: 'option', option: 'DSS', nth: 2 }, dss, [])).toEqual({ us: 13, frame: 3 });
  });
  it('a failure: its time and first evidence packet; a time: just the moment', () => {
    expect(focusTarget({ at: 'failure', failure: 'hijack' }, t, [{ id: 'hijack', timeUs: 99, frames: [7, 8] }])).toEqual({ us: 99, frame: 7 });
    expect(focusTarget({ at: 'failure', failure: 'mitm' }, t, [])).toBeNull();
    expect(focusTarget({ at: 'time', us: 5 }, null, [])).toEqual({ us: 5, frame: null });
  });
});

describe('lockRefusal', () => {
  const lock = { topology: true, protocol: true, mitigations: false, attackers: false };
  it('refuses the locked kinds of change, names them, and allows the rest', () => {
    expect(lockRefusal(lock, [{ kind: 'set-protocol', protocol: 'mptcp-v1' }, { kind: 'remove-link', id: 'l' }])).toBe('The lesson locks the protocol and the topology on this step.');
    expect(lockRefusal(lock, [{ kind: 'set-mitigations', mitigations: [] }, { kind: 'move-node', id: 'a', x: 1, y: 2 }])).toBeNull();
    expect(lockRefusal(undefined, [{ kind: 'set-protocol', protocol: 'mptcp-v1' }])).toBeNull();
  });
});
