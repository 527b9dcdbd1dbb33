import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_LESSON_DOCUMENTS } from '../engine/index.ts';
import { main } from './main.ts';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const file = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'lab-lesson-')), name);
  writeFileSync(path, text);
  return path;
};

describe('lab lesson', () => {
  it('lists the built-in lessons', async () => {
    const r = await run('lesson', 'list');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^how-mptcp-works +8 steps/m);
    expect(r.out).toMatch(/^add-addr-hijack +\d+ steps, \d+ min +ADD_ADDR hijack/m);
  });

  it('check: a lesson file whose facts hold passes; one that says what the engine does not show fails, naming the step', async () => {
    const good = structuredClone(BUILTIN_LESSON_DOCUMENTS.find((d) => (d as { id: string }).id === 'add-addr-hijack')) as { steps: { question?: { kind: string; answer?: number } }[] };
    const ok = await run('lesson', 'check', file('good.json', JSON.stringify(good)));
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/all \d+ checks hold in the engine/);
    good.steps[1]!.question!.answer = 1;
    const bad = await run('lesson', 'check', file('bad.json', JSON.stringify(good)), '--json');
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.out) as { ok: boolean; checks: { step: number; ok: boolean }[] };
    expect(report.ok).toBe(false);
    expect(report.checks.filter((c) => !c.ok).map((c) => c.step)).toEqual([1]);
  });

  it('an invalid lesson lists its problems with JSON paths; a wrong invocation says how to call it', async () => {
    const r = await run('lesson', 'check', file('broken.json', '{"schemaVersion": 1, "id": "X"}'));
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('LESSON_INVALID');
    expect(r.err).toContain('$.id:');
    expect(r.err).toContain('$.steps: missing required field');
    const u = await run('lesson', 'frobnicate');
    expect(u.code).toBe(2);
    expect(u.err).toContain('lab lesson takes "list" or "check <lesson>"');
  });
});
