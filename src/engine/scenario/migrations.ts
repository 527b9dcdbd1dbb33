/**
 * Old documents keep loading: a registry of steps, each from schemaVersion N
 * to N+1, applied in order before validation (DESIGN.md §5). A step gets a
 * private copy of the document, may change it freely, and need not set
 * `schemaVersion` (the runner does). `builtin/frozen/` keeps old built-ins
 * to prove each step.
 */
import type { ScenarioProblem } from './types.ts';
import { SCENARIO_SCHEMA_VERSION } from './types.ts';
import { LabError } from '../core/errors.ts';
import { show } from './problem-text.ts';

export type JsonObject = Record<string, unknown>;

export interface Migration {
  /** The version this step reads; it writes `from + 1`. */
  from: number;
  /** What changed, for the changelog and error messages. */
  description: string;
  up(doc: JsonObject): JsonObject;
}

export interface MigrationRegistry {
  /** The version loading produces. */
  readonly current: number;
  /** The oldest version that can still be read. */
  readonly oldest: number;
  readonly steps: ReadonlyMap<number, Migration>;
}

/** A registry whose steps must lead, one version at a time, up to `current`. */
export function defineScenarioMigrations(current: number, migrations: readonly Migration[]): MigrationRegistry {
  const steps = new Map<number, Migration>();
  for (const m of migrations) {
    if (steps.has(m.from)) throw new LabError('INTERNAL', `two scenario migrations from version ${m.from}`);
    steps.set(m.from, m);
  }
  const oldest = current - migrations.length;
  for (let v = oldest; v < current; v++) {
    if (!steps.has(v)) throw new LabError('INTERNAL', `scenario migrations do not form a chain to version ${current}: none from version ${v}`);
  }
  return { current, oldest, steps };
}

export const SCENARIO_MIGRATIONS: MigrationRegistry = defineScenarioMigrations(SCENARIO_SCHEMA_VERSION, [
  {
    from: 1,
    description: 'version 2 adds the optional "review" section (a design review\'s decisions); a version 1 document has none, so nothing changes',
    up: (doc) => doc,
  },
]);

export type MigrateResult = { ok: true; doc: JsonObject } | { ok: false; problems: ScenarioProblem[] };

const isPlainObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Brings a document to `registry.current`, or says why it cannot. The input is never changed. */
export function migrateScenario(doc: unknown, registry: MigrationRegistry = SCENARIO_MIGRATIONS): MigrateResult {
  const fail = (path: string, code: ScenarioProblem['code'], message: string): MigrateResult => ({ ok: false, problems: [{ path, code, message }] });
  if (!isPlainObject(doc)) return fail('$', 'SCENARIO_TYPE', `a scenario must be a JSON object, got ${show(doc)}`);
  const { current, oldest } = registry;
  const readable = oldest === current ? `version ${current}` : `versions ${oldest} to ${current}`;
  const version = doc.schemaVersion;
  const at = '$.schemaVersion';
  if (version === undefined) return fail(at, 'SCENARIO_VERSION', `missing "schemaVersion": this lab reads ${readable}; a document written for it starts with "schemaVersion": ${current}`);
  if (typeof version !== 'number' || !Number.isInteger(version)) return fail(at, 'SCENARIO_VERSION', `must be a whole version number, got ${show(version)}`);
  if (version > current) return fail(at, 'SCENARIO_VERSION', `version ${version} is newer than this lab, which reads ${readable}: open it with a newer MPTCP Threat Lab`);
  if (version < oldest) return fail(at, 'SCENARIO_VERSION', `version ${version} is older than this lab can read (${readable})`);
  if (version === current) return { ok: true, doc };
  let out: JsonObject;
  try {
    out = cloneJson(doc) as JsonObject;
  } catch (e) {
    return fail('$', 'SCENARIO_TYPE', `a scenario must be plain JSON data: ${(e as Error).message}`);
  }
  for (let v = version; v < current; v++) {
    const step = registry.steps.get(v)!;
    try {
      const next = step.up(out);
      if (!isPlainObject(next)) throw new Error('the step did not return an object');
      out = next;
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return fail('$', 'SCENARIO_VERSION', `could not upgrade from version ${v} to ${v + 1} (${step.description}): ${why}`);
    }
    out.schemaVersion = v + 1;
  }
  return { ok: true, doc: out };
}

const MAX_DEPTH = 256;

/** A deep copy of arrays and plain objects; refuses cycles (by depth) rather than looping. */
function cloneJson(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new Error(`nested more than ${MAX_DEPTH} levels deep (or cyclic)`);
  if (Array.isArray(value)) return value.map((v) => cloneJson(v, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, { value: cloneJson(value[key], depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
