/**
 * The scenarios that ship with the lab, one JSON file each (the files are the
 * source: readable, and what "open in editor" shows). They go through the
 * same loader as any user file, so a broken built-in fails loudly at import;
 * `builtin.test.ts` checks that none has a problem.
 */
import type { Scenario } from '../types.ts';
import { loadScenarioOrThrow } from '../load.ts';
import bulk100mb from './bulk-100mb.json' with { type: 'json' };
import middleboxStrip from './middlebox-strip.json' with { type: 'json' };
import natClient from './nat-client.json' with { type: 'json' };
import singlePathTcp from './single-path-tcp.json' with { type: 'json' };
import twoPathV0 from './two-path-v0.json' with { type: 'json' };
import twoPathV1 from './two-path-v1.json' with { type: 'json' };
import wifiHandover from './wifi-handover.json' with { type: 'json' };
import wifiLte from './wifi-lte.json' with { type: 'json' };

/** The documents as written, in the order the app lists them. */
export const BUILTIN_DOCUMENTS: readonly unknown[] = [twoPathV1, twoPathV0, wifiLte, wifiHandover, natClient, middleboxStrip, singlePathTcp, bulk100mb];

export const BUILTIN_SCENARIOS: readonly Scenario[] = BUILTIN_DOCUMENTS.map((doc) => loadScenarioOrThrow(doc));

/** The built-in scenario with this id, or undefined. */
export function builtinScenario(id: string): Scenario | undefined {
  return BUILTIN_SCENARIOS.find((s) => s.id === id);
}
