/**
 * The scenarios a lesson runs: a step's setup (a built-in with switches),
 * a step's switch applied to the scenario on screen, and an exercise's
 * answer applied to the scenario it starts from. Each result goes through
 * the scenario loader, so a lesson can only produce a valid scenario.
 */
import { builtinScenario } from '../scenario/builtin/index.ts';
import { loadScenario } from '../scenario/load.ts';
import { withSwitches } from '../scenario/switches.ts';
import type { Scenario, ScenarioProblem } from '../scenario/types.ts';
import type { Lesson, LessonAnswer, LessonSetup, LessonStep } from './lesson-schema.ts';

export type Built = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

/** The scenario with another MAC algorithm (unchanged without one). */
function withMac(s: Scenario, mac: Scenario['mptcp']['macAlgorithm'] | undefined): Scenario {
  return mac === undefined ? s : { ...s, mptcp: { ...s.mptcp, macAlgorithm: mac } };
}

export function scenarioOfSetup(setup: LessonSetup): Built {
  let base: Scenario | undefined;
  if (setup.scenario !== undefined) {
    const loaded = loadScenario(setup.scenario);
    if (!loaded.ok) return { ok: false, problems: loaded.problems.map((p) => ({ ...p, path: p.path.replace(/^\$/, '$.scenario') })) };
    base = loaded.scenario;
  } else {
    base = setup.builtin === undefined ? undefined : builtinScenario(setup.builtin);
    if (!base) return { ok: false, problems: [{ path: '$.builtin', code: 'SCENARIO_REFERENCE', message: setup.builtin === undefined ? 'a setup names a built-in ("builtin") or gives a scenario ("scenario")' : `"${setup.builtin}" is not a built-in scenario` }] };
  }
  const switched = withMac(withSwitches(base, { protocol: setup.protocol, mitigations: setup.mitigations }), setup.macAlgorithm);
  return { ok: true, scenario: setup.withoutAttackers ? { ...switched, attackers: [] } : switched };
}

export function withStepSwitch(s: Scenario, sw: NonNullable<LessonStep['switch']>): Scenario {
  return withMac(withSwitches(s, { protocol: sw.protocol, mitigations: sw.mitigations }), sw.macAlgorithm);
}

/** The scenario with the answer's changes, checked like any document. */
export function applyAnswer(s: Scenario, answer: LessonAnswer): Built {
  const doc: Record<string, unknown> = { ...s, mptcp: { ...s.mptcp } };
  if (answer.protocol) doc.protocol = answer.protocol;
  if (answer.mitigations) (doc.mptcp as Record<string, unknown>).mitigations = [...answer.mitigations];
  if (answer.attackers) doc.attackers = answer.attackers;
  const loaded = loadScenario(doc);
  return loaded.ok ? { ok: true, scenario: loaded.scenario } : { ok: false, problems: loaded.problems };
}

/**
 * The scenario each step shows when the learner changes nothing: the last
 * setup so far, with the switches of the steps since. Null before the
 * first setup (a lesson must start with one: validate-lesson.ts).
 */
export function stepScenarios(lesson: Lesson): (Scenario | null)[] {
  let current: Scenario | null = null;
  return lesson.steps.map((step) => {
    if (step.setup) {
      const built = scenarioOfSetup(step.setup);
      current = built.ok ? built.scenario : null;
    }
    if (step.switch && current) current = withStepSwitch(current, step.switch);
    return current;
  });
}
