/**
 * A scenario carrying a script payload in every free-text field the
 * scenario format allows: generated from the published JSON Schema
 * (public/scenario.schema.json), so a field added to the format is covered
 * without editing the test. A free-text field is a string with no enum,
 * const, pattern or format (ids, addresses and switches are checked by the
 * validator, and a payload there is refused, not shown).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  maxLength?: number;
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  $defs?: Record<string, Schema>;
};

const read = (rel: string) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');
const SCHEMA = JSON.parse(read('../public/scenario.schema.json')) as Schema;

/** Each sets window.__pwned if it ever runs: as HTML, as an attribute, as a URL, as SVG. */
export const PAYLOADS = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  'javascript:window.__pwned=1',
  '"><svg onload=window.__pwned=1>',
  "'><iframe srcdoc=\"<script>parent.__pwned=1</script>\">",
  '</text><script>window.__pwned=1</script>]]>-->',
  'x\n# injected heading\n| injected | row |\n%% comment\nA->>B: injected',
];

const resolve = (s: Schema): Schema => (s.$ref ? resolve(SCHEMA.$defs![s.$ref.split('/').pop()!]!) : s);
const isFreeText = (s: Schema) => (s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string'))) && s.enum === undefined && s.const === undefined && s.pattern === undefined && s.format === undefined;

/** Fills every free-text field (present or optional) with a payload; returns the JSON paths it filled. */
export function poison(doc: Record<string, unknown>): string[] {
  const filled: string[] = [];
  let n = 0;
  const visit = (schema: Schema, value: unknown, path: string) => {
    const s = resolve(schema);
    for (const branch of [...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])]) visit(branch, value, path);
    if (Array.isArray(value) && s.items) value.forEach((v, i) => visit(s.items!, v, `${path}[${i}]`));
    if (value && typeof value === 'object' && !Array.isArray(value) && s.properties) {
      const obj = value as Record<string, unknown>;
      for (const [key, prop] of Object.entries(s.properties)) {
        const p = resolve(prop);
        if (isFreeText(p)) {
          const payload = `${PAYLOADS[n++ % PAYLOADS.length]} ${key}${n}`;
          obj[key] = payload.slice(0, p.maxLength ?? payload.length);
          filled.push(`${path}.${key}`);
        } else if (key in obj) visit(p, obj[key], `${path}.${key}`);
      }
    }
  };
  visit(SCHEMA, doc, '$');
  return filled;
}

/** A built-in, poisoned: by default the one with an attacker; nat-client and middlebox-strip carry the other node kinds. */
export function hostileScenario(builtin = 'attack-add-addr-hijack-v0'): { doc: Record<string, unknown>; filled: string[] } {
  const doc = JSON.parse(read(`../src/engine/scenario/builtin/${builtin}.json`)) as Record<string, unknown>;
  doc.id = 'hostile-names';
  const filled = poison(doc);
  return { doc, filled };
}
