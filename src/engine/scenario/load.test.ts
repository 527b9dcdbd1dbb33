import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabError } from '../core/errors.ts';
import { BUILTIN_DOCUMENTS } from './builtin/index.ts';
import { formatScenarioProblem, loadScenario, loadScenarioOrThrow, ScenarioError } from './load.ts';
import { allPaths, copy, edited, minimalDocument, parentOf, type Doc } from './test-documents.ts';
import type { ScenarioProblem } from './types.ts';
import { validateScenario } from './validate.ts';

const CODES: ScenarioProblem['code'][] = [
  'SCENARIO_TYPE', 'SCENARIO_REQUIRED', 'SCENARIO_RANGE', 'SCENARIO_ENUM', 'SCENARIO_FORMAT',
  'SCENARIO_UNKNOWN_FIELD', 'SCENARIO_REFERENCE', 'SCENARIO_DUPLICATE', 'SCENARIO_VERSION', 'SCENARIO_JSON', 'SCENARIO_CONFLICT', 'SCENARIO_TOO_MANY',
];

describe('loadScenario', () => {
  it('lists the first hundred problems, then how many more', () => {
    const doc = edited(minimalDocument(), (d) => (d.links = Array(250).fill(5)));
    const r = loadScenario(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(101);
    expect(r.problems[0]!.path).toBe('$.links[0]');
    expect(r.problems[100]).toMatchObject({ code: 'SCENARIO_TOO_MANY', message: '… and 150 more problems' });
    expect(formatScenarioProblem(r.problems[100]!)).toBe('… and 150 more problems');
    expect(() => loadScenarioOrThrow(doc)).toThrow(/^invalid scenario: 250 problems: .*; and 247 more$/);
  });
  it('stops walking far past the cap, so millions of bad fields cost little', () => {
    const text = JSON.stringify(edited(minimalDocument(), (d) => (d.links = Array(1_000_000).fill(5))));
    const r = loadScenario(text);
    expect(!r.ok && r.problems.length).toBe(101);
    expect(!r.ok && r.problems[100]!.message).toBe('… and at least 9,900 more problems (checking stopped at 10,000)');
    const unknown = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`f${i}`, 1]));
    const v = validateScenario({ ...minimalDocument(), ui: undefined, ...unknown });
    expect(v).toHaveLength(101);
    expect(v[100]!.code).toBe('SCENARIO_TOO_MANY');
  });
  it('loads text and values alike, with defaults applied', () => {
    const fromValue = loadScenario(minimalDocument());
    const fromText = loadScenario(JSON.stringify(minimalDocument(), null, 2));
    expect(fromValue.ok && fromValue.scenario.links[0]!.mtuBytes).toBe(1500);
    expect(fromText).toEqual(fromValue);
  });
  it('a JSON syntax error is one problem naming line and column', () => {
    expect(loadScenario('{\n  "schemaVersion": 1,\n  "id": "x",,\n}')).toEqual({
      ok: false,
      problems: [{ path: '$', code: 'SCENARIO_JSON', message: 'JSON syntax error at line 3, column 13: expected a field name in double quotes, found \',\'' }],
    });
  });
  it('a field written twice is reported beside the other problems', () => {
    const text = JSON.stringify(minimalDocument()).replace('"seed":7', '"seed":7,"seed":-1');
    const r = loadScenario(text);
    expect(!r.ok && r.problems.map((p) => [p.path, p.code])).toEqual([
      ['$.seed', 'SCENARIO_DUPLICATE'],
      ['$.seed', 'SCENARIO_RANGE'],
    ]);
  });
  it('a future version stops before validation', () => {
    expect(loadScenario({ schemaVersion: 9, anything: true })).toMatchObject({ ok: false, problems: [{ path: '$.schemaVersion', code: 'SCENARIO_VERSION' }] });
  });
  it('checks references only once the shape is sound', () => {
    const r = loadScenario(edited(minimalDocument(), (d) => {
      d.seed = 'x';
      d.links[0].b = 'nowhere.eth0';
    }));
    expect(!r.ok && r.problems.map((p) => p.path)).toEqual(['$.seed']);
  });
  it('reports five independent errors as five problems', () => {
    const r = loadScenario(edited(minimalDocument(), (d) => {
      d.protocol = 'mptcp';
      d.hosts[0].interfaces[0].addresses = ['198.18.1.1/99'];
      d.links[0].lossRate = 1;
      d.traffic[0].startUs = -5;
      d.thresholds = { stallUs: 0 };
    }));
    expect(!r.ok && r.problems.length).toBe(5);
  });
  it('loadScenarioOrThrow throws a ScenarioError carrying every problem', () => {
    const bad = edited(minimalDocument(), (d) => {
      d.seed = -1;
      d.durationUs = 0;
    });
    let caught: unknown;
    try {
      loadScenarioOrThrow(bad);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    expect(caught).toBeInstanceOf(LabError);
    const e = caught as ScenarioError;
    expect(e.code).toBe('SCENARIO_INVALID');
    expect(e.problems.map((p) => p.path)).toEqual(['$.seed', '$.durationUs']);
    expect(e.message).toBe('invalid scenario: 2 problems: $.seed: must be an integer from 0 to 4294967295, got -1; $.durationUs: must be an integer from 1 to 3600000000 microseconds, got 0');
    expect(loadScenarioOrThrow(minimalDocument()).id).toBe('mini');
  });
  it('formats a problem on one line', () => {
    expect(formatScenarioProblem({ path: '$.seed', code: 'SCENARIO_RANGE', message: 'must be …' })).toBe('$.seed: must be … (SCENARIO_RANGE)');
  });

  // Random damage to a built-in: replace, delete or rename a value, or add a field.
  const damaged = fc.constantFrom(...BUILTIN_DOCUMENTS.map((d) => d as Doc)).chain((full) => {
    const paths = allPaths(full);
    return fc
      .tuple(fc.constantFrom(...paths), fc.constantFrom('replace', 'delete', 'rename', 'add'), fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 12 }))
      .map(([path, op, value, name]) => {
        const doc = copy(full);
        const at = parentOf(doc, path);
        if (!at) return op === 'replace' ? value : doc;
        const { parent, key } = at;
        if (op === 'replace') parent[key] = value;
        else if (op === 'delete') {
          if (Array.isArray(parent)) parent.splice(key as number, 1);
          else delete parent[key];
        } else if (op === 'rename' && !Array.isArray(parent)) {
          Object.defineProperty(parent, name, { value: parent[key], enumerable: true, writable: true, configurable: true });
          if (name !== key) delete parent[key];
        } else if (op === 'add' && !Array.isArray(parent)) Object.defineProperty(parent, name, { value, enumerable: true, writable: true, configurable: true });
        return doc;
      });
  });

  it('property: damaged documents give problems, never exceptions; what loads is valid', () => {
    fc.assert(
      fc.property(damaged, fc.boolean(), (doc, asText) => {
        const r = loadScenario(asText ? JSON.stringify(doc) : doc);
        if (r.ok) {
          expect(validateScenario(r.scenario)).toEqual([]);
          return;
        }
        expect(r.problems.length).toBeGreaterThan(0);
        for (const p of r.problems) {
          expect(p.path).toMatch(/^\$/);
          expect(CODES).toContain(p.code);
          expect(p.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });
  it('property: any text gives a result, never an exception', () => {
    fc.assert(fc.property(fc.string(), (text) => void loadScenario(text)), { numRuns: 300 });
  });
});
