import { describe, expect, it } from 'vitest';
import { builtinLesson } from '../../../engine/index.ts';
import { newProgress, type OpenLesson } from '../../store/lesson-model.ts';
import { stepCaption } from './caption.ts';

const lesson = builtinLesson('add-addr-hijack')!;
const open = (step: number): OpenLesson => ({ lesson, source: 'builtin', progress: { ...newProgress(), step }, check: null, entering: false });

describe('the presenter caption', () => {
  it('is nothing without a lesson', () => {
    expect(stepCaption(null)).toBeNull();
  });

  it('is the title and plain text of the step on screen, one line per paragraph', () => {
    const c = stepCaption(open(0))!;
    expect(c.title).toBe('Announcing an address');
    expect(c.text).toMatch(/^A host with a second address tells its peer with an ADD_ADDR option/);
    expect(c.text).toContain('Here the server announces 198.18.2.2;');
    expect(c.text).not.toMatch(/\*\*|`|\n\n/);
    expect(c.text.split('\n').length).toBeGreaterThan(1);
    expect(stepCaption(open(1))!.title).toBe(lesson.steps[1]!.title);
  });

  it('never shows the teacher’s note', () => {
    const i = lesson.steps.findIndex((s) => s.presenterNote);
    expect(i).toBeGreaterThanOrEqual(0);
    const note = lesson.steps[i]!.presenterNote!;
    const c = stepCaption(open(i))!;
    expect(`${c.title}\n${c.text}`).not.toContain(note.slice(0, 30));
  });

  it('is nothing for a step past the end', () => {
    expect(stepCaption(open(lesson.steps.length))).toBeNull();
  });
});
