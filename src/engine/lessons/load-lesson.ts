/**
 * Loading a lesson, like a scenario: parse (with line and column for a
 * syntax error), validate the shape (every problem with its JSON path),
 * fill defaults, then check what the shape cannot: the built-ins it names
 * exist, it starts by loading one, and each exercise's answer makes a valid
 * scenario.
 */
import type { JsonSchemaDefs } from '../scenario/schema-dsl.ts';
import { parseJsonText } from '../scenario/json-text.ts';
import { capProblems } from '../scenario/problem-cap.ts';
import { builtinScenario } from '../scenario/builtin/index.ts';
import type { ScenarioProblem } from '../scenario/types.ts';
import { formatMegabytes } from '../scenario/input-limits.ts';
import { LESSON_SCHEMA_VERSION, lessonSchema, type Lesson } from './lesson-schema.ts';
import { applyAnswer, scenarioOfSetup, stepScenarios } from './setup.ts';

/** A lesson file or link bigger than this is refused before it is parsed. */
export const LESSON_MAX_BYTES = 1_000_000;

/** Why a lesson of this size is refused, or null when it may be read (a file before it is read, a text before it is parsed). */
export function lessonSizeProblem(bytes: number): string | null {
  // In bytes: just over the limit, both sizes round to the same megabytes.
  const n = (b: number) => b.toLocaleString('en-US');
  return bytes > LESSON_MAX_BYTES ? `it is ${n(bytes)} bytes; a lesson may be at most ${n(LESSON_MAX_BYTES)} bytes (${formatMegabytes(LESSON_MAX_BYTES)})` : null;
}

export type LessonLoadResult = { ok: true; lesson: Lesson } | { ok: false; problems: ScenarioProblem[] };

function references(lesson: Lesson): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  if (!lesson.steps[0]?.setup) problems.push({ path: '$.steps[0].setup', code: 'SCENARIO_REQUIRED', message: 'the first step must load a scenario (setup), so every step has a run to show' });
  lesson.steps.forEach((step, i) => {
    const setup = step.setup;
    if (!setup) return;
    const at = `$.steps[${i}].setup`;
    if ((setup.builtin === undefined) === (setup.scenario === undefined)) problems.push({ path: at, code: 'SCENARIO_CONFLICT', message: 'give exactly one of "builtin" (a built-in scenario id) and "scenario" (a whole scenario)' });
    else if (setup.builtin !== undefined && !builtinScenario(setup.builtin)) problems.push({ path: `${at}.builtin`, code: 'SCENARIO_REFERENCE', message: `"${setup.builtin}" is not a built-in scenario` });
    else if (setup.scenario !== undefined) {
      const built = scenarioOfSetup(setup);
      if (!built.ok) for (const p of built.problems.slice(0, 5)) problems.push({ ...p, path: `${at}${p.path.slice(1)}` });
    }
  });
  lesson.steps.forEach((step, i) => {
    const q = step.question;
    const lists = q?.kind === 'choice' ? q.choices.map((c, k) => [`$.steps[${i}].question.choices[${k}].when`, c.when] as const) : q ? [[`$.steps[${i}].question.facts`, q.facts] as const] : [];
    for (const [path, facts] of lists) {
      facts.forEach((f, j) => {
        if (f.fact === 'hash-work' && f.atLeast === undefined && f.atMost === undefined) problems.push({ path: `${path}[${j}]`, code: 'SCENARIO_REQUIRED', message: 'a hash-work fact needs atLeast or atMost (or both)' });
      });
    }
  });
  if (problems.length) return problems;
  const scenarios = stepScenarios(lesson);
  lesson.steps.forEach((step, i) => {
    const s = scenarios[i];
    if (!step.exercise || !s) return;
    const built = applyAnswer(s, step.exercise.answer);
    if (!built.ok) for (const p of built.problems.slice(0, 5)) problems.push({ ...p, path: `$.steps[${i}].exercise.answer`, message: `its scenario would be invalid at ${p.path}: ${p.message}` });
  });
  return problems;
}

/**
 * A lesson from text (a file, a link) or a parsed document.
 *
 * @example loadLesson('{"schemaVersion": 1}') // { ok: false, problems: [{ path: '$.id', code: 'SCENARIO_REQUIRED', ... }, ...] }
 */
export function loadLesson(input: unknown): LessonLoadResult {
  let doc = input;
  if (typeof input === 'string') {
    const tooBig = lessonSizeProblem(input.length);
    if (tooBig) return { ok: false, problems: [{ path: '$', code: 'SCENARIO_TOO_HEAVY', message: tooBig }] };
    const parsed = parseJsonText(input);
    if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
    doc = parsed.value;
  }
  const version = (doc as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (doc && typeof doc === 'object' && typeof version === 'number' && version > LESSON_SCHEMA_VERSION) {
    return { ok: false, problems: [{ path: '$.schemaVersion', code: 'SCENARIO_VERSION', message: `lesson format ${version} is newer than this lab reads (${LESSON_SCHEMA_VERSION}): update the lab` }] };
  }
  const problems: ScenarioProblem[] = [];
  lessonSchema.validate(doc, '$', problems);
  if (problems.length) return { ok: false, problems: capProblems(problems) };
  const lesson = lessonSchema.fill(doc as never);
  const refs = references(lesson);
  return refs.length ? { ok: false, problems: capProblems(refs) } : { ok: true, lesson };
}

export function lessonJsonSchemaText(): string {
  const defs: JsonSchemaDefs = new Map();
  const body = lessonSchema.toJsonSchema(defs);
  const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'MPTCP Threat Lab lesson', ...body, $defs: Object.fromEntries(defs) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
