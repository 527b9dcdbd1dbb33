import { describe, expect, it } from 'vitest';
import { BUILTIN_DOCUMENTS } from './builtin/index.ts';
import { loadScenario } from './load.ts';
import { defineScenarioMigrations, migrateScenario, SCENARIO_MIGRATIONS, type JsonObject } from './migrations.ts';
import { copy, minimalDocument, type Doc } from './test-documents.ts';

/** Pretend version 0 named links' delay `latencyMs`, in milliseconds. */
const fakeV0ToV1 = {
  from: 0,
  description: 'links: latencyMs became delayUs',
  up(doc: JsonObject): JsonObject {
    for (const link of (doc.links as JsonObject[] | undefined) ?? []) {
      link.delayUs = (link.latencyMs as number) * 1000;
      delete link.latencyMs;
    }
    return doc;
  },
};
const registry = defineScenarioMigrations(2, [fakeV0ToV1, SCENARIO_MIGRATIONS.steps.get(1)!]);

function asV0(doc: Doc): Doc {
  const old = copy(doc);
  old.schemaVersion = 0;
  for (const link of old.links as JsonObject[]) {
    link.latencyMs = (link.delayUs as number) / 1000;
    delete link.delayUs;
  }
  return old;
}

describe('migrations', () => {
  it('upgrades an old document step by step, without changing the input', () => {
    const old = asV0(minimalDocument());
    const before = copy(old);
    const r = migrateScenario(old, registry);
    expect(r.ok && r.doc).toEqual(minimalDocument());
    expect(old).toEqual(before);
  });
  it('loading runs the migrations before validation', () => {
    for (const doc of BUILTIN_DOCUMENTS) {
      const upgraded = loadScenario(JSON.stringify(asV0(doc as Doc)), { migrations: registry });
      const current = loadScenario(doc);
      expect(upgraded.ok && current.ok).toBe(true);
      expect(upgraded).toEqual(current);
    }
  });
  it('a current document passes untouched', () => {
    const doc = minimalDocument();
    const r = migrateScenario(doc);
    expect(r.ok && r.doc).toBe(doc);
  });
  it('refuses a missing, malformed, future or too old version with SCENARIO_VERSION', () => {
    const without = minimalDocument();
    delete without.schemaVersion;
    expect(migrateScenario(without)).toEqual({
      ok: false,
      problems: [{ path: '$.schemaVersion', code: 'SCENARIO_VERSION', message: 'missing "schemaVersion": this lab reads versions 1 to 2; a document written for it starts with "schemaVersion": 2' }],
    });
    expect(migrateScenario({ ...minimalDocument(), schemaVersion: '1' })).toEqual({
      ok: false,
      problems: [{ path: '$.schemaVersion', code: 'SCENARIO_VERSION', message: 'must be a whole version number, got "1"' }],
    });
    expect(migrateScenario({ ...minimalDocument(), schemaVersion: 3 })).toEqual({
      ok: false,
      problems: [{ path: '$.schemaVersion', code: 'SCENARIO_VERSION', message: 'version 3 is newer than this lab, which reads versions 1 to 2: open it with a newer MPTCP Threat Lab' }],
    });
    expect(migrateScenario({ ...minimalDocument(), schemaVersion: 0 })).toEqual({
      ok: false,
      problems: [{ path: '$.schemaVersion', code: 'SCENARIO_VERSION', message: 'version 0 is older than this lab can read (versions 1 to 2)' }],
    });
    expect(migrateScenario({ ...minimalDocument(), schemaVersion: -1 }, registry)).toMatchObject({ ok: false, problems: [{ message: 'version -1 is older than this lab can read (versions 0 to 2)' }] });
  });
  it('a step that fails becomes a problem, not an exception', () => {
    const r = migrateScenario({ schemaVersion: 0, links: 'not a list' }, registry);
    expect(r).toMatchObject({ ok: false, problems: [{ path: '$', code: 'SCENARIO_VERSION' }] });
    expect(!r.ok && r.problems[0]!.message).toMatch(/^could not upgrade from version 0 to 1 \(links: latencyMs became delayUs\): /);
  });
  it('a document that is not an object is one problem', () => {
    expect(migrateScenario([1])).toEqual({ ok: false, problems: [{ path: '$', code: 'SCENARIO_TYPE', message: 'a scenario must be a JSON object, got an array' }] });
  });
  it('a registry must be an unbroken chain', () => {
    expect(() => defineScenarioMigrations(3, [{ ...fakeV0ToV1, from: 2 }, { ...fakeV0ToV1, from: 0 }])).toThrow(/none from version 1/);
    expect(() => defineScenarioMigrations(2, [fakeV0ToV1, fakeV0ToV1])).toThrow(/two scenario migrations from version 0/);
  });
  it('today the lab reads versions 1 and 2', () => {
    expect([SCENARIO_MIGRATIONS.oldest, SCENARIO_MIGRATIONS.current]).toEqual([1, 2]);
  });
  it('version 1 becomes version 2 unchanged: the review section it lacks is optional', () => {
    const v1 = { ...minimalDocument(), schemaVersion: 1 };
    const r = migrateScenario(v1);
    expect(r.ok && r.doc).toEqual(minimalDocument());
    const loaded = loadScenario(v1);
    expect(loaded.ok && loaded.scenario.review).toBeUndefined();
  });
});
