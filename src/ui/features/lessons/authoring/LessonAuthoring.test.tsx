import { beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MARK } from '../../../../engine/index.ts';
import { makeStore, renderWithStore } from '../../../testing/harness.tsx';
import { LessonPanel } from '../LessonPanel.tsx';
import { authoringStore } from './authoring-store.ts';
import { emptyAuthoredLesson } from './authoring-doc.ts';

describe('the authoring panel beside the run (in-thread engine)', () => {
  beforeEach(() => {
    localStorage.clear();
    act(() => {
      authoringStore().getState().replace(emptyAuthoredLesson());
      authoringStore().getState().setOpen(true);
    });
  });

  it('records the attack on screen at its ADD_ADDR, with a question the run answers; previews it and comes back', async () => {
    const store = makeStore();
    await store.getState().simulate('attack-add-addr-hijack');
    const t = store.getState().run!.timeline!;
    const frame = Array.from(t.marks).findIndex((m) => (m & MARK.ADD_ADDR) !== 0) + 1;
    act(() => store.getState().selectFrame(frame));
    renderWithStore(<LessonPanel />, store);
    const panel = screen.getByRole('region', { name: 'Lesson authoring' });
    fireEvent.change(within(panel).getByLabelText('Lesson title'), { target: { value: 'Hijack, recorded' } });
    fireEvent.change(within(panel).getByLabelText('Summary'), { target: { value: 'One step.' } });
    fireEvent.change(within(panel).getByLabelText('New step title'), { target: { value: 'Mallory announces' } });
    fireEvent.click(within(panel).getByLabelText('Ask whether a failure occurs (the run decides the answer)'));
    fireEvent.change(within(panel).getByLabelText('Failure to ask about'), { target: { value: 'hijack' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Record step' }));

    const [step] = authoringStore().getState().lesson.steps;
    expect(step).toMatchObject({ title: 'Mallory announces', setup: { builtin: 'attack-add-addr-hijack', protocol: 'mptcp-v1' }, focus: { at: 'option', option: 'ADD_ADDR', nth: 1 }, view: 'overview' });
    expect(step?.question).toMatchObject({ kind: 'choice', answer: 0 });
    expect(within(panel).getByLabelText('Step 1 title')).toHaveProperty('value', 'Mallory announces');

    fireEvent.click(within(panel).getByRole('button', { name: 'Preview' }));
    await waitFor(() => expect(store.getState().lesson?.entering).toBe(false));
    expect(store.getState().lesson?.source).toBe('authored');
    expect(store.getState().selectedFrame).toBe(frame);
    const player = screen.getByRole('region', { name: 'Hijack, recorded' });
    fireEvent.click(within(player).getByRole('button', { name: 'Back to editing' }));
    expect(store.getState().lesson).toBeNull();
    expect(screen.getByRole('region', { name: 'Lesson authoring' })).toBeTruthy();
  });

  it('Edit as JSON: a bad edit is listed with its path and keeps the text and the lesson', async () => {
    const store = makeStore();
    await store.getState().simulate('two-path-v1');
    renderWithStore(<LessonPanel />, store);
    const panel = screen.getByRole('region', { name: 'Lesson authoring' });
    fireEvent.change(within(panel).getByLabelText('Lesson title'), { target: { value: 'Kept' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Record step' }));
    const before = authoringStore().getState().lesson;
    fireEvent.click(within(panel).getByRole('button', { name: 'Edit as JSON' }));
    const box = within(panel).getByLabelText(/^Lesson JSON/) as HTMLTextAreaElement;
    const broken = box.value.replace('"schemaVersion": 1', '"schemaVersion": 1, "steps2": 3').replace(/"nth": 1|"us": \d+/, '"us": -5');
    fireEvent.change(box, { target: { value: broken } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Apply JSON' }));
    const problems = within(panel).getByRole('list', { name: 'Lesson problems' });
    expect(problems.textContent).toContain('$.steps2');
    expect(problems.textContent).toContain('$.steps[0].focus.us');
    expect(box.value).toBe(broken);
    expect(authoringStore().getState().lesson).toBe(before);
    fireEvent.click(within(panel).getByRole('button', { name: 'Cancel' }));
    expect(within(panel).getByLabelText('Step 1 title')).toHaveProperty('value', 'Step 1');
  });
});
