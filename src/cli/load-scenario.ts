/**
 * A scenario from the command line: a built-in id or a JSON file, loaded
 * with migrate → validate → defaults. Problems are all listed with their
 * JSON paths.
 */
import { readFileSync } from 'node:fs';
import { BUILTIN_SCENARIOS, LabError, builtinScenario, formatScenarioProblem, loadScenario, type Scenario } from '../engine/index.ts';

export class ScenarioLoadError extends LabError {
  constructor(
    readonly source: string,
    readonly lines: string[],
  ) {
    super('SCENARIO_INVALID', `${source} is not a valid scenario (${lines.length} problem${lines.length === 1 ? '' : 's'}):\n${lines.map((l) => `  ${l}`).join('\n')}`);
  }
}

export function scenarioFrom(arg: string): Scenario {
  const builtin = builtinScenario(arg);
  if (builtin) return builtin;
  let text: string;
  try {
    text = readFileSync(arg, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const ids = BUILTIN_SCENARIOS.map((s) => s.id).join(', ');
    if (code === 'ENOENT') throw new LabError('CLI_FILE', `"${arg}" is neither a built-in scenario (${ids}) nor a file`);
    throw new LabError('CLI_FILE', `cannot read "${arg}": ${(e as Error).message}`);
  }
  const r = loadScenario(text);
  if (!r.ok) throw new ScenarioLoadError(arg, r.problems.map(formatScenarioProblem));
  return r.scenario;
}
