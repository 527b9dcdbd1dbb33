import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_LESSON_DOCUMENTS } from './builtin/index.ts';
import { LESSON_MAX_BYTES, lessonJsonSchemaText, loadLesson } from './load-lesson.ts';

// The ADD_ADDR hijack lesson, whichever place it has in the course: the paths below are its steps'.
const doc = () => structuredClone(BUILTIN_LESSON_DOCUMENTS.find((d) => (d as { id?: string }).id === 'add-addr-hijack')) as Record<string, unknown> & { steps: Record<string, unknown>[] };

describe('loadLesson', () => {
  it('loads every built-in, as a document and as text', () => {
    for (const d of BUILTIN_LESSON_DOCUMENTS) {
      expect(loadLesson(d).ok).toBe(true);
      expect(loadLesson(JSON.stringify(d)).ok).toBe(true);
    }
  });

  it('lists every shape problem with its JSON path', () => {
    const d = doc();
    d.steps[1]!.question = { kind: 'choice', prompt: 'p', choices: [{ text: 'a', when: [{ fact: 'failure', failure: 'hijak', occurs: true }] }], answer: 0, explain: 'e' };
    d.steps[2]!.focus = { at: 'moon' };
    d.title = '';
    const r = loadLesson(d);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual(['$.title', '$.steps[1].question.choices', '$.steps[1].question.choices[0].when[0].failure', '$.steps[2].focus.at']);
    expect(r.problems[2]!.message).toContain('did you mean "hijack"');
  });

  it('checks references: the first step loads a scenario, built-ins exist, answers make valid scenarios', () => {
    const d = doc();
    delete d.steps[0]!.setup;
    d.steps[1]!.setup = { builtin: 'no-such-scenario' };
    const r = loadLesson(d);
    expect(!r.ok && r.problems.map((p) => [p.path, p.code])).toEqual([
      ['$.steps[0].setup', 'SCENARIO_REQUIRED'],
      ['$.steps[1].setup.builtin', 'SCENARIO_REFERENCE'],
    ]);
    const e = doc();
    const ex = e.steps.find((s) => s.exercise)!.exercise as { answer: { attackers: { at: string[] }[] } };
    ex.answer.attackers[0]!.at = ['nowhere'];
    const r2 = loadLesson(e);
    expect(!r2.ok && r2.problems[0]!.path).toBe('$.steps[4].exercise.answer');
    expect(!r2.ok && r2.problems[0]!.message).toContain('its scenario would be invalid at $.attackers[0]');
  });

  it('takes a whole scenario instead of a built-in, checked like a scenario file, and never both', async () => {
    const { builtinScenario } = await import('../scenario/builtin/index.ts');
    const d = doc();
    d.steps[0]!.setup = { scenario: structuredClone(builtinScenario('two-path-v1')) };
    expect(loadLesson(d).ok).toBe(true);
    (d.steps[0]!.setup as { scenario: { seed: number } }).scenario.seed = -1;
    const bad = loadLesson(d);
    expect(!bad.ok && bad.problems[0]!.path).toBe('$.steps[0].setup.scenario.seed');
    d.steps[0]!.setup = { scenario: structuredClone(builtinScenario('two-path-v1')), builtin: 'two-path-v1' };
    const both = loadLesson(d);
    expect(!both.ok && both.problems[0]!.code).toBe('SCENARIO_CONFLICT');
  });

  it('refuses a hash-work fact without a bound', () => {
    const d = doc();
    d.steps[1]!.question = { kind: 'text', prompt: 'p', facts: [{ fact: 'hash-work', of: 'all' }], explain: 'e' };
    const r = loadLesson(d);
    expect(!r.ok && r.problems.map((p) => [p.path, p.message])).toEqual([['$.steps[1].question.facts[0]', 'a hash-work fact needs atLeast or atMost (or both)']]);
    d.steps[1]!.question = { kind: 'text', prompt: 'p', facts: [{ fact: 'hash-work', atMost: 10 }], explain: 'e' };
    expect(loadLesson(d).ok).toBe(true);
  });

  it('refuses bad text with a reason, a newer version, and a lesson over the size limit before parsing', () => {
    const bad = loadLesson('{"schemaVersion": 1,');
    expect(!bad.ok && bad.problems[0]!.code).toBe('SCENARIO_JSON');
    const newer = loadLesson({ ...doc(), schemaVersion: 9 });
    expect(!newer.ok && newer.problems[0]!.message).toContain('newer than this lab reads');
    const big = loadLesson(' '.repeat(LESSON_MAX_BYTES + 1));
    expect(!big.ok && big.problems[0]!.message).toBe('it is 1,000,001 bytes; a lesson may be at most 1,000,000 bytes (1.0 MB)');
  });

  it('public/lesson.schema.json is up to date (npx tsx scripts/generate-lesson-schema.ts)', () => {
    expect(readFileSync(new URL('../../../public/lesson.schema.json', import.meta.url), 'utf8')).toBe(lessonJsonSchemaText());
  });
});
