import { describe, expect, it } from 'vitest';
import { builtinLesson, MARK } from '../../engine/index.ts';
import { selectVerdictsConcealed } from './selectors.ts';
import { makeStore } from '../testing/harness.tsx';

const lesson = builtinLesson('add-addr-hijack')!;
const exerciseStep = lesson.steps.findIndex((s) => s.exercise);

describe('the lesson player (ADD_ADDR lesson, in-thread engine)', () => {
  it('enters step 1: runs its scenario, and selects the ADD_ADDR packet its focus names', async () => {
    const store = makeStore();
    await store.getState().openLesson(lesson, 'builtin');
    const s = store.getState();
    expect(s.draft?.id).toBe('two-path-v1');
    expect(s.lesson?.entering).toBe(false);
    const frame = s.selectedFrame!;
    expect(s.run!.timeline!.marks[frame - 1]! & MARK.ADD_ADDR).not.toBe(0);
    expect(s.nowUs).toBe(Math.round((s.run!.timeline!.startUs[frame - 1]! + s.run!.timeline!.endUs[frame - 1]!) / 2));
  });

  it('hides the verdicts of a question step until it is answered, and keeps the answer', async () => {
    const store = makeStore();
    await store.getState().openLesson(lesson, 'builtin');
    await store.getState().goToStep(1);
    expect(store.getState().simulation?.scenarioId).toBe('attack-add-addr-hijack');
    expect(selectVerdictsConcealed(store.getState())).toBe(true);
    // Nothing to point at: the replay starts from the beginning, for the learner to predict and then play.
    expect(store.getState().nowUs).toBe(0);
    store.getState().answerStep({ choice: 1 });
    expect(selectVerdictsConcealed(store.getState())).toBe(false);
    expect(store.getState().nowUs).toBe(store.getState().simulation!.endUs);
    expect(store.getState().lesson?.progress.answers[1]).toEqual({ choice: 1 });
  });

  it('keeps the learner’s scene within a step without setup, and moves to the failure a focus names', async () => {
    const store = makeStore();
    await store.getState().openLesson(lesson, 'builtin');
    await store.getState().goToStep(1);
    const draft = store.getState().draft;
    await store.getState().goToStep(2);
    expect(store.getState().draft).toBe(draft);
    const hijack = store.getState().simulation!.failures.find((f) => f.id === 'hijack')!;
    expect(store.getState().nowUs).toBe(hijack.timeUs);
    expect(store.getState().selectedFrame).toBe(hijack.frames[0]);
  });

  it('a step that switches the protocol switches the learner’s own scenario, keeping their edits', async () => {
    const { loadLesson } = await import('../../engine/index.ts');
    const own = loadLesson({ schemaVersion: 1, id: 'own', title: 'Own', summary: 'S', rfc: [], steps: [{ title: 'A', text: 'a', setup: { builtin: 'two-path-v1' } }, { title: 'B', text: 'b', switch: { protocol: 'mptcp-v0' } }] });
    if (!own.ok) throw new Error(JSON.stringify(own.problems));
    const store = makeStore();
    await store.getState().openLesson(own.lesson, 'authored');
    store.getState().edit({ kind: 'set-link', id: 'client-r2', patch: { delayUs: 20_000 } });
    await store.getState().goToStep(1);
    const draft = store.getState().draft!;
    expect(draft.protocol).toBe('mptcp-v0');
    expect(draft.links.find((l) => l.id === 'client-r2')!.delayUs).toBe(20_000);
    expect(store.getState().simulation?.protocol).toBe('mptcp-v0');
  });

  it('a lesson file with problems lists them by JSON path and changes nothing; one over the limit is refused unread', async () => {
    const store = makeStore();
    expect(await store.getState().openLessonText('{"schemaVersion": 1, "id": "Bad", "steps": []}', 'bad.json', 'file')).toBe(false);
    const p = store.getState().scenarioProblems!;
    expect(p.kind).toBe('lesson');
    expect(p.fileName).toBe('bad.json');
    expect(p.problems.map((x) => x.path)).toEqual(expect.arrayContaining(['$.id', '$.steps', '$.title']));
    expect(store.getState().lesson).toBeNull();
    const big = new Blob(['x'.repeat(1_000_001)]);
    expect(await store.getState().openLessonText(big, 'big.json', 'file')).toBe(false);
    expect(store.getState().scenarioProblems!.problems[0]!.message).toMatch(/a lesson may be at most/);
  });

  it('the exercise: the lock refuses a protocol switch; the check fails with a hint, then passes once the engine finds the hijack', async () => {
    const store = makeStore();
    await store.getState().openLesson(lesson, 'builtin', { step: exerciseStep, visited: [], answers: {}, solved: [], hints: {}, waited: [], work: {} });
    expect(store.getState().draft?.attackers).toEqual([]);
    store.getState().edit({ kind: 'set-protocol', protocol: 'mptcp-v1' });
    expect(store.getState().draft?.protocol).toBe('mptcp-v0');
    expect(store.getState().runNotice).toBe('The lesson locks the protocol on this step.');

    await store.getState().checkExercise();
    let l = store.getState().lesson!;
    expect(l.check?.error ?? null).toBeNull();
    expect(l.check?.result?.met).toBe(false);
    expect(l.progress.hints[exerciseStep]).toBe(1);
    expect(l.progress.solved).toEqual([]);

    // An eavesdropper acts (it watches) but never forges: still no hijack.
    const answer = lesson.steps[exerciseStep]!.exercise!.answer.attackers![0] as Record<string, unknown>;
    store.getState().edit({ kind: 'place-attacker', attacker: { id: 'eve', label: 'Eve', location: 'on-path', capability: 'eavesdropper', at: ['client-r1'], attack: 'passive-eavesdrop', params: {}, guessBudget: 0 } });
    await store.getState().checkExercise();
    l = store.getState().lesson!;
    expect(l.check?.error ?? null).toBeNull();
    expect(l.check?.result?.met).toBe(false);
    expect(l.check?.result?.lines.find((x) => x.label.includes('hijack') && x.label.includes('occurs'))?.ok).toBe(false);
    expect(l.progress.hints[exerciseStep]).toBe(2);

    store.getState().edit({ kind: 'place-attacker', attacker: answer as never });
    await store.getState().checkExercise();
    l = store.getState().lesson!;
    expect(l.check?.result?.met).toBe(true);
    expect(l.progress.solved).toEqual([exerciseStep]);
    expect(l.progress.work[exerciseStep]?.attackers.map((a) => a.attack)).toContain('add-addr-hijack');
  });
});
