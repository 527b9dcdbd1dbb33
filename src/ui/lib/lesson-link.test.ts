import { describe, expect, it } from 'vitest';
import { builtinLesson, loadLesson } from '../../engine/index.ts';
import { lessonLinkQuery, parseLessonLink, unpackLesson } from './lesson-link.ts';
import { packJson } from './share-link.ts';

const lesson = builtinLesson('add-addr-hijack')!;

describe('lesson links', () => {
  it('names a built-in by id, with the step counted from 1', async () => {
    const q = await lessonLinkQuery(lesson, true, 2);
    expect(q).toBe('?lesson=add-addr-hijack&step=3');
    expect(parseLessonLink(q)).toEqual({ builtin: 'add-addr-hijack', packed: null, step: 2 });
    expect(parseLessonLink('?scenario=two-path-v1')).toBeNull();
    expect(parseLessonLink('?lesson=x&step=0')!.step).toBeNull();
  });

  it('packs any other lesson whole, and unpacks it to the same lesson', async () => {
    const own = { ...lesson, id: 'mine' };
    const q = await lessonLinkQuery(own, false, 0);
    const link = parseLessonLink(q)!;
    expect(link.builtin).toBeNull();
    const loaded = loadLesson(await unpackLesson(link.packed!));
    expect(loaded.ok && loaded.lesson).toEqual(own);
  });

  it('a damaged or oversized link is a readable error', async () => {
    await expect(unpackLesson('!!!')).rejects.toThrow('damaged');
    const bomb = await packJson('x'.repeat(2_000_000));
    await expect(unpackLesson(bomb)).rejects.toThrow('too big');
  });
});
