// Writes public/lesson.schema.json from the lesson validator, so the
// published JSON Schema never drifts from what the lab accepts.
// Run: npx tsx scripts/generate-lesson-schema.ts
// (src/engine/lessons/load-lesson.test.ts fails when the file is stale.)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lessonJsonSchemaText } from '../src/engine/lessons/load-lesson.ts';

const target = fileURLToPath(new URL('../public/lesson.schema.json', import.meta.url));
writeFileSync(target, lessonJsonSchemaText());
console.log(`wrote ${target}`);
