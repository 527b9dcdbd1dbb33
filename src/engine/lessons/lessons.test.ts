/**
 * Every built-in lesson against the engine (verify-lesson.ts): each
 * question's answer is what the engine's run of that step shows, each focus
 * finds its packet or failure, each exercise starts unsolved and its answer
 * meets its goal. If the engine stops showing what a lesson says, this fails.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_LESSONS } from './builtin/index.ts';
import { verifyLesson } from './verify-lesson.ts';

describe.each(BUILTIN_LESSONS.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it('every fact, focus and exercise holds in the engine', () => {
    const checks = verifyLesson(lesson);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    // Each question, focus (but a time) and exercise was checked.
    const expected = lesson.steps.reduce((n, s) => n + (s.question ? 1 : 0) + (s.focus && s.focus.at !== 'time' ? 1 : 0) + (s.exercise ? 2 : 0), 0);
    expect(checks).toHaveLength(expected);
  });
});

describe('the lazy built-in lessons', () => {
  it('their ids, known at once, are the documents’ ids in order; the loader gives the same lessons', async () => {
    const { BUILTIN_LESSON_IDS, loadBuiltinLessons } = await import('./builtin-lessons-lazy.ts');
    expect(BUILTIN_LESSON_IDS).toEqual(BUILTIN_LESSONS.map((l) => l.id));
    expect(await loadBuiltinLessons()).toBe(BUILTIN_LESSONS);
  });
});

describe('docs/lessons.md', () => {
  it('lists every built-in lesson', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../../docs/lessons.md', import.meta.url), 'utf8');
    for (const l of BUILTIN_LESSONS) expect(doc).toContain(`| \`${l.id}\` |`);
  });
});
