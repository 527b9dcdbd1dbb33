/**
 * The lesson player: which lesson is open, the step on screen, and the
 * learner's progress. Entering a step loads its scenario (only when the
 * step's scene differs from the one before, so the learner's edits stay
 * within a scene), runs it, then moves the replay to the step's focus.
 * Exercise checks run in the worker (the engine judges the goal).
 */
import { focusTarget, loadBuiltinLessons, withStepSwitch, lessonSizeProblem, loadLesson, stepScenarios, type Lesson, type Scenario } from '../../engine/index.ts';
import type { SliceCreator } from './internals.ts';
import { failureOf } from './internals.ts';
import { newProgress, type LessonProgress, type LessonSource, type OpenLesson, type StepAnswer } from './lesson-model.ts';
import type { LessonSlice } from './types.ts';

const addTo = (list: readonly number[], i: number) => (list.includes(i) ? [...list] : [...list, i].sort((a, b) => a - b));

export const createLessonSlice: SliceCreator<LessonSlice> = ({ client }) => (set, get) => {
  let entering = 0;
  let scenes: { lesson: Lesson; scenarios: (Scenario | null)[] } | null = null;
  const scenesOf = (lesson: Lesson) => {
    if (scenes?.lesson !== lesson) scenes = { lesson, scenarios: stepScenarios(lesson) };
    return scenes.scenarios;
  };
  const update = (change: (l: OpenLesson) => Partial<OpenLesson>) => {
    const l = get().lesson;
    if (l) set({ lesson: { ...l, ...change(l) } });
  };
  const updateProgress = (change: (p: LessonProgress) => Partial<LessonProgress>) => update((l) => ({ progress: { ...l.progress, ...change(l.progress) } }));

  const enter = async (i: number, from: number | null) => {
    const l = get().lesson;
    const step = l?.lesson.steps[i];
    if (!l || !step) return;
    const token = ++entering;
    updateProgress((p) => ({ step: i, visited: addTo(p.visited, i) }));
    update(() => ({ check: null, entering: true }));
    const scenarios = scenesOf(l.lesson);
    const scene = scenarios[i] ?? null;
    const work = step.exercise ? l.progress.work[i] : undefined;
    // A new scene (or the first step shown) loads the step's scenario; within a scene, the learner's edits stay.
    const newScene = from === null || scenarios[from] !== scene || get().draft === null;
    // A step that only switches the protocol or a mitigation, entered from the step before, switches the learner's own scenario.
    const switched = step.switch && !step.setup && from === i - 1 && get().draft ? withStepSwitch(get().draft!, step.switch) : null;
    const target = work ?? switched ?? (newScene ? scene : null);
    if (target) {
      const base = step.setup?.builtin && !step.setup.withoutAttackers && !work ? { id: step.setup.builtin, scenario: target } : null;
      get().replaceDraft(target, base, { run: false });
      await get().runDraft();
    }
    if (token !== entering || get().lesson?.lesson !== l.lesson) return;
    update(() => ({ entering: false }));
    if (step.view) get().setMainView(step.view);
    // A question with nothing to point at starts the replay from the beginning: the learner predicts, then plays it.
    if (step.question && !step.focus && l.progress.answers[i] === undefined) get().rewind();
    if (step.focus) {
      const at = focusTarget(step.focus, get().run?.timeline ?? null, get().simulation?.failures ?? []);
      if (at) {
        get().pause();
        get().seek(at.us);
        if (at.frame !== null) get().selectFrame(at.frame);
      }
    }
  };

  return {
    lesson: null,
    builtinLessons: [],

    loadLessons: async () => {
      const lessons = await loadBuiltinLessons();
      if (get().builtinLessons !== lessons) set({ builtinLessons: lessons });
      return lessons;
    },

    openLesson: async (lesson, source: LessonSource, progress?: LessonProgress) => {
      const p = progress && progress.step < lesson.steps.length ? progress : newProgress();
      set({ lesson: { lesson, source, progress: p, check: null, entering: false } });
      await enter(p.step, null);
    },

    closeLesson: () => {
      entering++;
      set({ lesson: null });
    },

    goToStep: async (i) => {
      const l = get().lesson;
      if (!l || i < 0 || i >= l.lesson.steps.length || i === l.progress.step) return;
      await enter(i, l.progress.step);
    },

    answerStep: (answer: StepAnswer) => {
      const i = get().lesson?.progress.step;
      if (i === undefined) return;
      updateProgress((p) => ({ answers: { ...p.answers, [i]: answer } }));
      // The reveal is the whole run: a question that started the replay from the beginning jumps to its end.
      const step = get().lesson?.lesson.steps[i];
      if (step && !step.focus) get().seek(Number.POSITIVE_INFINITY);
    },

    markWaited: (i) => {
      // Only a change is stored: subscribers (the wait watcher among them) hear nothing otherwise.
      if (get().lesson?.progress.waited.includes(i) !== false) return;
      updateProgress((p) => ({ waited: addTo(p.waited, i) }));
    },

    revealHint: () => {
      const l = get().lesson;
      const i = l?.progress.step;
      const ex = i === undefined ? undefined : l?.lesson.steps[i]?.exercise;
      if (!l || i === undefined || !ex) return;
      updateProgress((p) => ({ hints: { ...p.hints, [i]: Math.min(ex.hints.length, (p.hints[i] ?? 0) + 1) } }));
    },

    openLessonText: async (text, fileName, source, step = 0) => {
      // Refused before reading: a huge file would hold the page while it is decoded.
      const tooBig = typeof text === 'string' ? null : lessonSizeProblem(text.size);
      if (tooBig) {
        set({ scenarioProblems: { fileName, kind: 'lesson', problems: [{ path: '$', message: tooBig }] } });
        return false;
      }
      const loaded = loadLesson(typeof text === 'string' ? text : await text.text());
      if (!loaded.ok) {
        set({ scenarioProblems: { fileName, kind: 'lesson', problems: loaded.problems } });
        return false;
      }
      await get().openLesson(loaded.lesson, source, step > 0 && step < loaded.lesson.steps.length ? { ...newProgress(), step } : undefined);
      return true;
    },

    checkExercise: async () => {
      const l = get().lesson;
      const draft = get().draft;
      const i = l?.progress.step;
      const ex = i === undefined ? undefined : l?.lesson.steps[i]?.exercise;
      if (!l || i === undefined || !ex || !draft) return;
      update(() => ({ check: { step: i, running: true, result: null, error: null } }));
      try {
        const result = await client.checkGoal(ex.goal, draft);
        if (get().lesson?.progress.step !== i) return;
        update(() => ({ check: { step: i, running: false, result, error: null } }));
        updateProgress((p) => ({
          work: { ...p.work, [i]: draft },
          solved: result.met ? addTo(p.solved, i) : p.solved.filter((s) => s !== i),
          // A failed check unlocks the next hint.
          hints: result.met ? p.hints : { ...p.hints, [i]: Math.min(ex.hints.length, (p.hints[i] ?? 0) + 1) },
        }));
      } catch (e) {
        update(() => ({ check: { step: i, running: false, result: null, error: failureOf(e, 'the exercise check').message } }));
      }
    },
  };
};
