/**
 * Takes the handout's pictures by playing the lesson in the app: each step
 * is entered as the learner would (its scenario run in the engine, its
 * focus applied), the ladder drawn full width and copied as a PNG. Then the
 * learner is put back where they were: the step, the view, and the progress
 * (steps visited only for the pictures do not count as seen).
 *
 * The pictures are for paper: the app is in its light theme while they are
 * taken, whatever the learner's.
 *
 * The learner's answers are set aside while the pictures are taken, so every
 * question's picture is drawn as before its answer: the ladder keeps the
 * verdicts back, and the handout gives nothing away beside the question.
 */
import { writeLessonProgress } from '../../../lib/lesson-storage.ts';
import type { AppStore } from '../../../store/app-store.ts';
import type { LessonProgress } from '../../../store/lesson-model.ts';
import type { HandoutInput, HandoutPicture } from './handout-html.ts';

export interface PrepareHooks {
  /** Called as each step starts (from 0). */
  onStep(step: number, total: number): void;
  /** True once the user has asked to stop. */
  cancelled(): boolean;
  /** The picture of the step on screen (default: the ladder, drawn full width). */
  capture?: () => Promise<string | null>;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** The ladder on screen as a PNG data URL on the page's background, or null when none is drawn. */
export async function ladderPng(): Promise<string | null> {
  for (let tries = 0; tries < 120; tries++) {
    await nextFrame();
    const canvas = document.querySelector<HTMLCanvasElement>('.ladder__canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) continue;
    // A newly shown ladder is measured, then painted: give it two more frames.
    await nextFrame();
    await nextFrame();
    const out = document.createElement('canvas');
    out.width = canvas.width;
    out.height = canvas.height;
    const ctx = out.getContext('2d');
    if (!ctx) return null;
    ctx.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    return out.toDataURL('image/png');
  }
  return null;
}

/**
 * The handout's content for the open lesson, or null when there is none or
 * the user cancelled (or closed the lesson) on the way.
 */
export async function prepareHandout(store: AppStore, hooks: PrepareHooks, date: string): Promise<HandoutInput | null> {
  const open = store.getState().lesson;
  if (!open) return null;
  const { lesson } = open;
  const saved = open.progress;
  const view = store.getState().mainView;
  const still = () => store.getState().lesson?.lesson === lesson;
  const setProgress = (change: Partial<LessonProgress>) => store.setState((s) => (s.lesson ? { lesson: { ...s.lesson, progress: { ...s.lesson.progress, ...change } } } : {}));
  const pictures: HandoutPicture[][] = [];
  setProgress({ answers: {} });
  const root = document.documentElement;
  const theme = { name: store.getState().theme, attr: root.dataset.theme };
  if (theme.name !== 'light' || theme.attr !== 'light') {
    root.dataset.theme = 'light';
    store.getState().setTheme('light');
  }
  try {
    for (let i = 0; i < lesson.steps.length; i++) {
      if (hooks.cancelled() || !still()) return null;
      hooks.onStep(i, lesson.steps.length);
      await store.getState().goToStep(i);
      if (hooks.cancelled() || !still()) return null;
      if (!store.getState().run) {
        pictures.push([]);
        continue;
      }
      store.getState().setMainView('timeline');
      const png = await (hooks.capture ?? ladderPng)();
      pictures.push(png ? [{ png, caption: 'Ladder diagram' }] : []);
    }
    return { lesson, pictures, date };
  } finally {
    try {
      if (still()) {
        await store.getState().goToStep(saved.step);
        setProgress({ visited: saved.visited, waited: saved.waited, answers: saved.answers });
        store.getState().setMainView(view);
      } else {
        // Closed on the way: what was kept of it is the progress as it was.
        writeLessonProgress(lesson.id, saved);
      }
    } finally {
      if (theme.attr === undefined) delete root.dataset.theme;
      else root.dataset.theme = theme.attr;
      store.getState().setTheme(theme.name);
    }
  }
}
