import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { BUILTIN_LESSONS, loadLesson, type Lesson } from '../../../../engine/index.ts';
import { LessonShare } from './LessonShare.tsx';
import { unpackLesson, parseLessonLink } from '../../../lib/lesson-link.ts';

/** Text deflate cannot shrink much (a fixed pseudo-random walk over letters), so the link outgrows 8 KiB. */
function noise(n: number, seed: number): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += String.fromCharCode(97 + (x % 26));
  }
  return s;
}

function lessonOf(texts: string[]): Lesson {
  const loaded = loadLesson({ schemaVersion: 1, id: 'shared', title: 'Shared', summary: 'A lesson to share.', rfc: [], steps: texts.map((text, i) => ({ title: `Step ${i + 1}`, text, setup: { builtin: 'two-path-v1' } })) });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.lesson;
}

describe('sharing a lesson', () => {
  it('packs a written lesson whole into a link that unpacks to the same lesson', async () => {
    const lesson = lessonOf(['One.', 'Two.']);
    render(<LessonShare lesson={lesson} builtin={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy lesson link' }));
    const address = (await screen.findByRole('textbox', { name: 'Lesson link address' })) as HTMLInputElement;
    const link = parseLessonLink(new URL(address.value).search)!;
    expect(link.builtin).toBeNull();
    expect(loadLesson(await unpackLesson(link.packed!))).toEqual({ ok: true, lesson });
  });

  it('names a built-in lesson by its id', async () => {
    const lesson = BUILTIN_LESSONS[0]!;
    render(<LessonShare lesson={lesson} builtin step={2} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy lesson link' }));
    const address = (await screen.findByRole('textbox', { name: 'Lesson link address' })) as HTMLInputElement;
    expect(new URL(address.value).search).toBe(`?lesson=${lesson.id}&step=3`);
  });

  it('says when a lesson is too big for a link, and offers its file instead', async () => {
    const lesson = lessonOf([1, 2, 3, 4].map((k) => noise(3900, k)));
    render(<LessonShare lesson={lesson} builtin={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy lesson link' }));
    await waitFor(() => expect(screen.getByRole('status', { name: 'Lesson link' }).textContent).toMatch(/^Too big for a link \(\d+\.\d KB, over 8\.0 KB\): save the lesson file and send it instead\.$/));
    expect(screen.queryByRole('textbox', { name: 'Lesson link address' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Save lesson file' }).className).toContain('btn--primary');
  });
});
