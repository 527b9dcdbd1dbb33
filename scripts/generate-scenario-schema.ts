// Writes public/scenario.schema.json from the scenario validator, so the
// published JSON Schema never drifts from what the lab accepts.
// Run: npx tsx scripts/generate-scenario-schema.ts
// (src/engine/scenario/json-schema-file.test.ts fails when the file is stale.)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../src/engine/scenario/load.ts';

const target = fileURLToPath(new URL('../public/scenario.schema.json', import.meta.url));
writeFileSync(target, scenarioJsonSchemaText());
console.log(`wrote ${target}`);
