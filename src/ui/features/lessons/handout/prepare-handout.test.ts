import { describe, expect, it } from 'vitest';
import { builtinLesson } from '../../../../engine/index.ts';
import { readLessonProgress, writeLessonProgress } from '../../../lib/lesson-storage.ts';
import { selectVerdictsConcealed } from '../../../store/selectors.ts';
import { makeStore } from '../../../testing/harness.tsx';
import { prepareHandout } from './prepare-handout.ts';

const lesson = builtinLesson('add-addr-hijack')!;
const PNG = 'data:image/png;base64,AAAA';

describe('prepareHandout (ADD_ADDR lesson, in-thread engine)', () => {
  it('pictures every step as run in the app (light, each question as before its answer), then puts the learner back', async () => {
    const store = makeStore();
    await store.getState().openLesson(lesson, 'builtin');
    await store.getState().goToStep(1);
    store.getState().answerStep({ choice: 0 });
    store.getState().setMainView('packets');
    store.getState().setTheme('dark');
    document.documentElement.dataset.theme = 'dark';
    const before = store.getState().lesson!.progress;
    const seen: { step: number; scenario: string | undefined; concealed: boolean; view: string; theme: string }[] = [];
    const steps: number[] = [];
    const input = await prepareHandout(
      store,
      {
        onStep: (i, total) => {
          expect(total).toBe(8);
          steps.push(i);
        },
        cancelled: () => false,
        capture: async () => {
          const s = store.getState();
          seen.push({ step: s.lesson!.progress.step, scenario: s.simulation?.scenarioId, concealed: selectVerdictsConcealed(s), view: s.mainView, theme: `${s.theme} ${document.documentElement.dataset.theme}` });
          return PNG;
        },
      },
      '5 December 2026',
    );
    expect(steps).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(seen.map((x) => x.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(seen.map((x) => x.scenario)).toEqual(['two-path-v1', 'attack-add-addr-hijack', 'attack-add-addr-hijack', 'attack-add-addr-hijack-v0', 'attack-add-addr-hijack-v0', 'attack-add-addr-hijack', 'attack-add-addr-hijack', 'attack-add-addr-hijack']);
    // Step 2 was answered, yet its picture is taken as before the answer, like every question's.
    expect(seen.map((x) => x.concealed)).toEqual(lesson.steps.map((s) => s.question !== undefined));
    expect(seen.every((x) => x.view === 'timeline' && x.theme === 'light light')).toBe(true);
    expect(input?.pictures).toEqual(lesson.steps.map(() => [{ png: PNG, caption: 'Ladder diagram' }]));
    expect(input?.date).toBe('5 December 2026');
    const after = store.getState();
    expect(after.lesson!.progress.step).toBe(1);
    expect(after.lesson!.progress.visited).toEqual(before.visited);
    expect(after.lesson!.progress.answers).toEqual({ 1: { choice: 0 } });
    expect(after.mainView).toBe('packets');
    expect(after.theme).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(after.simulation?.scenarioId).toBe('attack-add-addr-hijack');
  }, 60_000);

  it('stops when cancelled and still puts the learner back', async () => {
    const store = makeStore();
    await store.getState().openLesson(lesson, 'builtin');
    let taken = 0;
    const input = await prepareHandout(store, { onStep: () => undefined, cancelled: () => taken >= 2, capture: async () => (taken++, PNG) }, 'd');
    expect(input).toBeNull();
    expect(taken).toBe(2);
    expect(store.getState().lesson!.progress.step).toBe(0);
    expect(store.getState().lesson!.progress.visited).toEqual([0]);
    expect(store.getState().simulation?.scenarioId).toBe('two-path-v1');
  }, 60_000);

  it('keeps the progress as it was when the lesson is closed on the way', async () => {
    const store = makeStore();
    await store.getState().openLesson(lesson, 'builtin');
    store.getState().answerStep({ text: 'mine' });
    const before = store.getState().lesson!.progress;
    writeLessonProgress(lesson.id, before);
    const input = await prepareHandout(
      store,
      {
        onStep: () => undefined,
        cancelled: () => false,
        capture: async () => {
          // What the app's autosave keeps meanwhile: the answers set aside.
          writeLessonProgress(lesson.id, store.getState().lesson!.progress);
          expect(readLessonProgress(lesson)?.answers).toEqual({});
          store.getState().closeLesson();
          return PNG;
        },
      },
      'd',
    );
    expect(input).toBeNull();
    expect(store.getState().lesson).toBeNull();
    expect(readLessonProgress(lesson)).toEqual(before);
  }, 60_000);
});
