import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_DOCUMENTS } from './builtin/index.ts';
import { scenarioJsonSchema, scenarioJsonSchemaText } from './load.ts';
import { allPaths, copy, parentOf, type Doc } from './test-documents.ts';
import { validateScenarioShape } from './validate.ts';

const REGENERATE = 'npx tsx scripts/generate-scenario-schema.ts';

type S = Record<string, unknown>;

/**
 * Just enough of JSON Schema 2020-12 to check the keywords the generator
 * emits (formats are annotations there, as in the standard).
 */
function conforms(value: unknown, schema: S | boolean, root: S): boolean {
  if (typeof schema === 'boolean') return schema;
  if (typeof schema.$ref === 'string') {
    const target = (root.$defs as Record<string, S>)[schema.$ref.replace('#/$defs/', '')]!;
    if (!conforms(value, target, root)) return false;
  }
  const type = schema.type as string | undefined;
  const typeOf = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
  if (type !== undefined && type !== typeOf && !(type === 'number' && typeOf === 'integer')) return false;
  if ('const' in schema && schema.const !== value) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s: S) => conforms(value, s, root))) return false;
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s: S) => conforms(value, s, root)).length !== 1) return false;
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return false;
    if (typeof schema.maximum === 'number' && value > schema.maximum) return false;
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) return false;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) return false;
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) return false;
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) return false;
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return false;
    if (schema.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) return false;
    const prefix = (schema.prefixItems as S[] | undefined) ?? [];
    for (let i = 0; i < value.length; i++) {
      const itemSchema = i < prefix.length ? prefix[i]! : (schema.items as S | boolean | undefined);
      if (itemSchema !== undefined && !conforms(value[i], itemSchema, root)) return false;
    }
  }
  if (typeOf === 'object') {
    const o = value as Record<string, unknown>;
    const props = (schema.properties as Record<string, S> | undefined) ?? {};
    for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in o)) return false;
    for (const key of Object.keys(o)) {
      if (Object.prototype.hasOwnProperty.call(props, key)) {
        if (!conforms(o[key], props[key]!, root)) return false;
      } else if (schema.additionalProperties === false) return false;
    }
  }
  return true;
}

describe('public/scenario.schema.json', () => {
  it('is what the generator writes today', () => {
    const committed = readFileSync(new URL('../../../public/scenario.schema.json', import.meta.url), 'utf8');
    expect(committed === scenarioJsonSchemaText(), `public/scenario.schema.json is stale: run ${REGENERATE}`).toBe(true);
  });

  const root = scenarioJsonSchema();
  it('declares draft 2020-12 and documents defaults', () => {
    expect(root.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const link = (root.$defs as Record<string, { properties: Record<string, { default?: unknown }> }>).link!;
    expect(link.properties.mtuBytes!.default).toBe(1500);
  });
  it('accepts every built-in', () => {
    for (const doc of BUILTIN_DOCUMENTS) expect(conforms(doc, root, root)).toBe(true);
  });

  // Damaged built-ins: the published schema and the validator must agree,
  // except that formats (CIDR, addresses) are checked only by the validator.
  const damaged = fc.constantFrom(...BUILTIN_DOCUMENTS.map((d) => d as Doc)).chain((full) =>
    fc.tuple(fc.constantFrom(...allPaths(full)), fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constantFrom(-1, 0, 0.5, 2 ** 32, '', 'x', '198.18.1.1/99')), fc.boolean()).map(([path, value, remove]) => {
      const doc = copy(full);
      const at = parentOf(doc, path);
      if (!at) return value;
      if (remove && !Array.isArray(at.parent)) delete at.parent[at.key];
      else at.parent[at.key] = value;
      return doc;
    }),
  );
  it('property: agrees with the validator about the shape', () => {
    fc.assert(
      fc.property(damaged, (doc) => {
        const problems = validateScenarioShape(doc);
        const ok = conforms(doc, root, root);
        if (problems.length === 0) expect(ok).toBe(true);
        if (ok) expect(problems.filter((p) => p.code !== 'SCENARIO_FORMAT')).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
