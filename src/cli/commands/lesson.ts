import { parseArgs } from 'node:util';
import { BUILTIN_LESSONS, LESSON_MAX_BYTES, LabError, builtinLesson, countProblems, formatScenarioProblem, loadLesson, verifyLesson, type Lesson } from '../../engine/index.ts';
import { UsageError } from '../cli-error.ts';
import { readTextFile } from '../read-file.ts';
import { forTerminal } from '../terminal-text.ts';
import type { CliIo, Command } from './command.ts';

function lessonFrom(arg: string): Lesson {
  const builtin = builtinLesson(arg);
  if (builtin) return builtin;
  const ids = BUILTIN_LESSONS.map((l) => l.id).join(', ');
  const text = readTextFile(arg, LESSON_MAX_BYTES, `"${arg}" is neither a built-in lesson (${ids}) nor a file`);
  const r = loadLesson(text);
  if (!r.ok) throw new LabError('LESSON_INVALID', `${arg} is not a valid lesson (${countProblems(r.problems)}):\n${r.problems.map((p) => `  ${formatScenarioProblem(p)}`).join('\n')}`);
  return r.lesson;
}

function list(io: CliIo): number {
  for (const l of BUILTIN_LESSONS) io.out(`${l.id.padEnd(34)} ${l.steps.length} steps, ${l.minutes} min  ${l.title}`);
  return 0;
}

function check(arg: string, json: boolean, io: CliIo): number {
  const lesson = lessonFrom(arg);
  const started = io.progress?.now();
  const checks = verifyLesson(lesson, (step) => io.progress?.update(`checking step ${step + 1} of ${lesson.steps.length} in the engine…`));
  io.progress?.done();
  const failed = checks.filter((c) => !c.ok);
  if (json) {
    io.out(JSON.stringify({ lesson: lesson.id, ok: failed.length === 0, checks }, null, 2));
    return failed.length ? 1 : 0;
  }
  io.out(forTerminal(`${lesson.id}: ${lesson.title} (${lesson.steps.length} steps)`));
  for (const c of checks) io.out(forTerminal(`  ${c.ok ? 'ok  ' : 'FAIL'} step ${c.step + 1} "${c.title}": ${c.what}${c.ok ? '' : `\n         the engine: ${c.detail}`}`));
  const took = started === undefined || io.progress === undefined ? '' : ` in ${((io.progress.now() - started) / 1000).toFixed(1)} s`;
  io.out(failed.length ? `${failed.length} of ${checks.length} checks failed${took}: the lesson says what the engine does not show.` : `all ${checks.length} checks hold in the engine${took}.`);
  return failed.length ? 1 : 0;
}

export const lessonCommand: Command = {
  name: 'lesson',
  summary: 'lessons: list the built-ins, or check a lesson file against the engine (lab lesson check my-lesson.json)',
  usage: `Usage: lab lesson list
       lab lesson check <lesson-id | lesson.json> [--json]

A lesson is a JSON document (schema: public/lesson.schema.json) of steps
over engine runs, with questions and exercises. "check" validates it (every
problem with its JSON path), then runs each step's scenario in the engine
and checks what the lesson says against what the engine shows: each choice
question's answer is the only choice whose facts hold, each text question's
facts hold, each focus finds its failure or packet, and each exercise starts
unsolved and its answer meets its goal. Exit status 1 when a check fails.

Options:
  --json   print { "lesson", "ok", "checks": [...] } instead of the lines`,
  run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
    const [sub, arg, ...extra] = positionals;
    if (sub === 'list' && arg === undefined) return list(io);
    if (sub === 'check' && arg !== undefined && extra.length === 0) return check(arg, values.json === true, io);
    throw new UsageError(sub === 'check' ? 'lab lesson check takes one lesson: a built-in id or a file' : `lab lesson takes "list" or "check <lesson>", got ${sub === undefined ? 'nothing' : `"${sub}"`}`);
  },
};
