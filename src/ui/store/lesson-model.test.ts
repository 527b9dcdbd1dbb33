import { describe, expect, it } from 'vitest';
import { builtinLesson } from '../../engine/index.ts';
import { lockRefusal, newProgress, percentDone, stepDone } from './lesson-model.ts';

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

describe('lockRefusal', () => {
  const lock = { topology: true, protocol: true, mitigations: false, attackers: false };
  it('refuses the locked kinds of change, names them, and allows the rest', () => {
    expect(lockRefusal(lock, [{ kind: 'set-protocol', protocol: 'mptcp-v1' }, { kind: 'remove-link', id: 'l' }])).toBe('The lesson locks the protocol and the topology on this step.');
    expect(lockRefusal(lock, [{ kind: 'set-mitigations', mitigations: [] }, { kind: 'move-node', id: 'a', x: 1, y: 2 }])).toBeNull();
    expect(lockRefusal(undefined, [{ kind: 'set-protocol', protocol: 'mptcp-v1' }])).toBeNull();
  });
});
