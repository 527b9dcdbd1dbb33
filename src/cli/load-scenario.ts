/**
 * A scenario from the command line: a built-in id or a JSON file, loaded
 * with migrate → validate → defaults. Problems are listed with their JSON
 * paths, the first hundred and then a count. A file is read only if it is
 * a regular file of at most 10 MB (`read-file.ts`).
 */
import { BUILTIN_SCENARIOS, LabError, builtinScenario, countProblems, formatScenarioProblem, loadScenario, SCENARIO_MAX_BYTES, type Scenario, type ScenarioProblem } from '../engine/index.ts';
import { readTextFile } from './read-file.ts';

export class ScenarioLoadError extends LabError {
  readonly lines: string[];

  /** `problems` is a capped list: its closing line says how many more there were, and the header counts them all. */
  constructor(
    readonly source: string,
    problems: readonly ScenarioProblem[],
  ) {
    const lines = problems.map(formatScenarioProblem);
    super('SCENARIO_INVALID', `${source} is not a valid scenario (${countProblems(problems)}):\n${lines.map((l) => `  ${l}`).join('\n')}`);
    this.lines = lines;
  }
}

export function scenarioFrom(arg: string): Scenario {
  const builtin = builtinScenario(arg);
  if (builtin) return builtin;
  const ids = BUILTIN_SCENARIOS.map((s) => s.id).join(', ');
  const text = readTextFile(arg, SCENARIO_MAX_BYTES, `"${arg}" is neither a built-in scenario (${ids}) nor a file`);
  const r = loadScenario(text);
  if (!r.ok) throw new ScenarioLoadError(arg, r.problems);
  return r.scenario;
}
