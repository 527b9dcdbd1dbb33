/** Each check of verifyLesson decides: a lesson that says what the engine does not show is reported. */
import { describe, expect, it } from 'vitest';
import { builtinLesson } from './builtin/index.ts';
import { verifyLesson } from './verify-lesson.ts';
import type { Lesson } from './lesson-schema.ts';

const base = builtinLesson('add-addr-hijack')!;
const edited = (edit: (l: Lesson) => void): Lesson => {
  const l = structuredClone(base);
  edit(l);
  return l;
};
const failed = (l: Lesson) => verifyLesson(l).filter((c) => !c.ok);

describe('verifyLesson', () => {
  it('passes the lesson as written', () => {
    expect(failed(base)).toEqual([]);
  });

  it('a choice answer the engine does not pick is reported, with what holds', () => {
    const l = edited((x) => {
      const q = x.steps[1]!.question!;
      if (q.kind === 'choice') q.answer = 1;
    });
    expect(failed(l)).toEqual([expect.objectContaining({ step: 1, what: "choice 2 is the engine's answer, and the only one", detail: 'choices that hold: 1' })]);
  });

  it('a text fact that does not hold is reported', () => {
    const l = edited((x) => {
      const q = x.steps[2]!.question!;
      if (q.kind === 'text') q.facts = [{ fact: 'failure', failure: 'connection-dos', occurs: true }];
    });
    expect(failed(l).map((c) => [c.step, c.what])).toEqual([[2, 'every fact of the reveal holds']]);
  });

  it('a focus that finds nothing is reported', () => {
    const l = edited((x) => {
      x.steps[0]!.focus = { at: 'option', option: 'MP_FASTCLOSE', nth: 1 };
    });
    expect(failed(l).map((c) => [c.step, c.what, c.detail])).toEqual([[0, 'the focus (option) finds its packet', 'nothing in the run matches it']]);
  });

  it('an exercise solved from the start, or whose answer fails, is reported', () => {
    const i = base.steps.findIndex((s) => s.exercise);
    const solved = edited((x) => {
      x.steps[i]!.exercise!.goal = { protocol: 'mptcp-v0' };
    });
    expect(failed(solved).map((c) => c.what)).toEqual(['the exercise starts unsolved']);
    const wrong = edited((x) => {
      x.steps[i]!.exercise!.answer = { text: 'nothing', attackers: [] };
    });
    expect(failed(wrong).map((c) => c.what)).toEqual(['the answer meets the goal']);
  });
});
