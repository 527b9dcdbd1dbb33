import { beforeEach, describe, expect, it } from 'vitest';
import { applyLessonJson, authoredLesson, citedRfcs, lessonIdOf, lessonJsonText, parseAuthored, type AuthoredLesson } from './authoring-doc.ts';
import { AUTHORING_KEY, createAuthoringStore, moveStep, readAuthoring } from './authoring-store.ts';

const written: AuthoredLesson = {
  title: 'ADD_ADDR, by hand',
  summary: 'What an address announcement does (RFC 8684 §3.4.1).',
  steps: [
    { title: 'Announcing', text: 'The ADD_ADDR.', setup: { builtin: 'two-path-v1', protocol: 'mptcp-v1', mitigations: [] }, focus: { at: 'option', option: 'ADD_ADDR', nth: 1 }, view: 'overview' },
    { title: 'Under v0', text: 'No HMAC (RFC 6824 §3.4.1), see RFC 8684 §3.4.1.', setup: { builtin: 'two-path-v1', protocol: 'mptcp-v0', mitigations: [] }, focus: { at: 'time', us: 5000 } },
  ],
};

describe('Edit as JSON: checked like a lesson file', () => {
  it('applies a valid edit', () => {
    const text = lessonJsonText(written).replace('"Under v0"', '"Under MPTCP v0"');
    const edit = applyLessonJson(text);
    expect(edit.ok).toBe(true);
    if (edit.ok) expect(edit.lesson.steps.map((s) => s.title)).toEqual(['Announcing', 'Under MPTCP v0']);
  });

  it('lists each problem with its JSON path, and applies nothing', () => {
    const doc = JSON.parse(lessonJsonText(written)) as { title: string; steps: { view?: string; setup?: { builtin?: string } }[] };
    doc.title = '';
    doc.steps[0]!.view = 'sideways';
    const edit = applyLessonJson(JSON.stringify(doc));
    expect(edit.ok).toBe(false);
    if (!edit.ok) expect(edit.problems.map((p) => p.path)).toEqual(['$.title', '$.steps[0].view']);
    doc.title = 'Fine';
    doc.steps[0]!.view = 'overview';
    doc.steps[1]!.setup!.builtin = 'no-such-network';
    const ref = applyLessonJson(JSON.stringify(doc));
    expect(ref.ok === false && ref.problems[0]).toMatchObject({ path: '$.steps[1].setup.builtin', message: '"no-such-network" is not a built-in scenario' });
  });

  it('says where a syntax error is', () => {
    const edit = applyLessonJson('{\n  "schemaVersion": 1,\n  "title": \n}');
    expect(edit.ok).toBe(false);
    if (!edit.ok) expect(edit.problems[0]!.message).toMatch(/line 4/);
  });

  it('refuses a lesson whose first step loads no scenario', () => {
    const doc = JSON.parse(lessonJsonText(written)) as { steps: { setup?: unknown }[] };
    delete doc.steps[0]!.setup;
    const edit = applyLessonJson(JSON.stringify(doc));
    expect(edit.ok === false && edit.problems.map((p) => p.path)).toEqual(['$.steps[0].setup']);
  });
});

describe('the lesson document', () => {
  it('takes an id from its title, never a built-in lesson\'s', () => {
    expect(lessonIdOf('ADD_ADDR, by hand')).toBe('add-addr-by-hand');
    expect(lessonIdOf('42 ways')).toBe('lesson-42-ways');
    expect(lessonIdOf('')).toBe('lesson');
    expect(lessonIdOf('ADD_ADDR hijack')).toBe('add-addr-hijack-own');
  });

  it('lists the RFC sections its texts cite, once each', () => {
    expect(citedRfcs(written)).toEqual(['RFC 8684 §3.4.1', 'RFC 6824 §3.4.1']);
  });

  it('is refused, with the path, while a title is empty', () => {
    const loaded = authoredLesson({ ...written, steps: [{ ...written.steps[0]!, title: '' }] });
    expect(loaded.ok === false && loaded.problems.map((p) => p.path)).toEqual(['$.steps[0].title']);
  });
});

describe('the work kept in this browser', () => {
  beforeEach(() => localStorage.clear());

  it('keeps unfinished work (an empty title) and drops what is damaged', () => {
    const unfinished = { ...written, title: '', steps: [{ ...written.steps[0]!, text: '' }] };
    expect(parseAuthored(JSON.parse(JSON.stringify(unfinished)))).toMatchObject({ title: '', steps: [{ title: 'Announcing', text: '' }] });
    expect(parseAuthored({ title: 'x', summary: 'y', steps: [] })).toEqual({ title: 'x', summary: 'y', steps: [] });
    expect(parseAuthored({ ...written, steps: [{ title: 'x', text: 'y', setup: { builtin: 'rm -rf' } }] })).toBeNull();
    expect(parseAuthored({ ...written, steps: [{ title: 'x', text: 'y', setup: { builtin: 'two-path-v1' }, script: 'alert(1)' }] })).toBeNull();
    expect(parseAuthored('{}')).toBeNull();
    expect(parseAuthored({ ...written, title: 7 })).toBeNull();
  });

  it('survives a reload: what the store holds is written and read back', () => {
    const a = createAuthoringStore();
    a.getState().setOpen(true);
    a.getState().replace(written);
    a.getState().update((l) => moveStep(l, 1, -1));
    const back = readAuthoring();
    expect(back?.open).toBe(true);
    expect(back?.lesson.steps.map((s) => s.title)).toEqual(['Under v0', 'Announcing']);
    const b = createAuthoringStore();
    expect(b.getState().lesson.title).toBe('ADD_ADDR, by hand');
    localStorage.setItem(AUTHORING_KEY, '{"open": true, "lesson": {"steps": "no"}}');
    expect(readAuthoring()).toBeNull();
    expect(createAuthoringStore().getState()).toMatchObject({ open: false, lesson: { steps: [] } });
  });

  it('moves steps within bounds only', () => {
    expect(moveStep(written, 0, -1)).toBe(written);
    expect(moveStep(written, 0, 1).steps.map((s) => s.title)).toEqual(['Under v0', 'Announcing']);
  });
});
