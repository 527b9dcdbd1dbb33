/**
 * The one way in for scenario documents (DESIGN.md §5):
 * JSON text → migrate → validate (shape, then references) → applyDefaults.
 * Never throws for bad input; every problem comes back with its JSON path.
 */
import type { Scenario, ScenarioProblem } from './types.ts';
import { LabError } from '../core/errors.ts';
import { applyDefaults } from './defaults.ts';
import { parseJsonText } from './json-text.ts';
import { migrateScenario, SCENARIO_MIGRATIONS, type MigrationRegistry } from './migrations.ts';
import { capProblems, countProblems, groupThousands, totalProblems } from './problem-cap.ts';
import { checkReferences } from './references.ts';
import { scenarioSchema, type ScenarioInput } from './scenario-schema.ts';
import type { JsonSchema, JsonSchemaDefs } from './schema-dsl.ts';

export type ScenarioLoadResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

export interface LoadOptions {
  /** Tests substitute their own steps; the app never needs to. */
  migrations?: MigrationRegistry;
}

/**
 * Loads a scenario from JSON text or from an already parsed value.
 *
 * @example
 * const r = loadScenario(text);
 * if (r.ok) run(r.scenario); else for (const p of r.problems) console.log(`${p.path}: ${p.message}`);
 */
export function loadScenario(input: unknown, options: LoadOptions = {}): ScenarioLoadResult {
  let doc = input;
  const problems: ScenarioProblem[] = [];
  if (typeof input === 'string') {
    const parsed = parseJsonText(input);
    if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
    doc = parsed.value;
    problems.push(...parsed.duplicates);
  }
  const migrated = migrateScenario(doc, options.migrations ?? SCENARIO_MIGRATIONS);
  if (!migrated.ok) return { ok: false, problems: capProblems([...problems, ...migrated.problems]) };
  const shapeProblems: ScenarioProblem[] = [];
  scenarioSchema.validate(migrated.doc, '$', shapeProblems);
  if (shapeProblems.length > 0) return { ok: false, problems: capProblems([...problems, ...shapeProblems]) };
  const scenario = applyDefaults(migrated.doc as ScenarioInput);
  problems.push(...checkReferences(scenario));
  return problems.length > 0 ? { ok: false, problems: capProblems(problems) } : { ok: true, scenario };
}

/** An invalid scenario, for callers that prefer exceptions. Code SCENARIO_INVALID. */
export class ScenarioError extends LabError {
  readonly problems: readonly ScenarioProblem[];

  constructor(problems: readonly ScenarioProblem[], what = 'scenario') {
    super('SCENARIO_INVALID', `invalid ${what}: ${summarizeProblems(problems)}`);
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}

/** `loadScenario`, throwing a `ScenarioError` that carries every problem. */
export function loadScenarioOrThrow(input: unknown, options: LoadOptions = {}): Scenario {
  const r = loadScenario(input, options);
  if (!r.ok) throw new ScenarioError(r.problems);
  return r.scenario;
}

/** "$.links[0].delayUs: must be … (SCENARIO_RANGE)", for logs and the CLI. */
export function formatScenarioProblem(p: ScenarioProblem): string {
  if (p.code === 'SCENARIO_TOO_MANY') return p.message;
  return `${p.path}: ${p.message} (${p.code})`;
}

const SUMMARIZED = 3;

function summarizeProblems(problems: readonly ScenarioProblem[]): string {
  const { total, exact } = totalProblems(problems);
  const head = problems.slice(0, SUMMARIZED).map((p) => `${p.path}: ${p.message}`).join('; ');
  const more = total > SUMMARIZED ? `; and ${exact ? '' : 'at least '}${groupThousands(total - SUMMARIZED)} more` : '';
  return `${countProblems(problems)}: ${head}${more}`;
}

/** JSON Schema (draft 2020-12) of the scenario document, generated from the validator. */
export function scenarioJsonSchema(): JsonSchema {
  const defs: JsonSchemaDefs = new Map();
  const body = scenarioSchema.toJsonSchema(defs);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'MPTCP Threat Lab scenario',
    ...body,
    $defs: Object.fromEntries(defs),
  };
}

/** The text of `public/scenario.schema.json`. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
