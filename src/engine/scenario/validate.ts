/**
 * Validation of a current-version document: the shape first (types, ranges,
 * required and unknown fields), then, if the shape is sound, the references
 * between parts and the totals a run may ask for (limits.ts, checked with
 * the references). Every problem is reported, each with its JSON path, up
 * to the cap (problem-cap.ts).
 */
import type { ScenarioProblem } from './types.ts';
import { applyDefaults } from './defaults.ts';
import { capProblems } from './problem-cap.ts';
import { checkReferences } from './references.ts';
import { scenarioSchema, type ScenarioInput } from './scenario-schema.ts';

/** Shape problems only; empty means `applyDefaults` may be called. */
export function validateScenarioShape(doc: unknown): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  scenarioSchema.validate(doc, '$', problems);
  return capProblems(problems);
}

/**
 * Every problem of a document already at the current schema version
 * (`loadScenario` migrates first). Empty means it is a valid scenario.
 *
 * @example validateScenario({ ...doc, seed: -1 }) // [{ path: '$.seed', code: 'SCENARIO_RANGE', ... }]
 */
export function validateScenario(doc: unknown): ScenarioProblem[] {
  const problems = validateScenarioShape(doc);
  if (problems.length > 0) return problems;
  return capProblems(checkReferences(applyDefaults(doc as ScenarioInput)));
}
