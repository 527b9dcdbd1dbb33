/**
 * Fuzz targets shared by the bounded fuzz tests in `npm test` and the long
 * `npm run fuzz -- --minutes N`: hostile inputs made by mutating real ones
 * (Linux captures, built-in scenario documents), and checks that every
 * outcome is a result or a coded LabError. Time and memory are watched by
 * the callers (the engine reads no clock).
 *
 * @example
 * fc.assert(fc.property(captureCase(), (c) => checkCapture(c.bytes)));
 */
import fc from 'fast-check';
import { LabError } from '../core/errors.ts';
import { analyzeCaptureIndexed } from '../analysis/analyze-capture.ts';
import { concatBytes } from '../pcap/concat.ts';
import { formatAnalysisSummary } from '../analysis/format-summary.ts';
import { BUILTIN_DOCUMENTS } from '../scenario/builtin/index.ts';
import { loadScenario } from '../scenario/load.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { readFixture } from './fixtures.ts';

/** One edit of a byte string; positions are fractions of its length so one edit fits any input. */
export type ByteEdit =
  | { kind: 'set'; at: number; value: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'cut'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'repeat'; at: number; length: number; times: number }
  /** A 32-bit field (record or block length, counts) set to an extreme. */
  | { kind: 'smash32'; at: number; value: number };

// Unbiased: fast-check favours small numbers, which would aim nearly every edit at the file's header.
const position = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const extreme32 = fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff0, 65535, 65536, 262144);

export const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: position, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: position }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: position, length: fc.integer({ min: 1, max: 200 }), times: fc.integer({ min: 2, max: 50 }) }),
  fc.record({ kind: fc.constant('smash32' as const), at: position, value: extreme32 }),
);

export function applyEdits(input: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let b = input;
  for (const e of edits) {
    const at = Math.floor(e.at * b.length);
    switch (e.kind) {
      case 'set':
      case 'flip':
      case 'smash32':
        if (b.length === 0) break;
        b = b === input ? b.slice() : b;
        if (e.kind === 'set') b[at] = e.value;
        else if (e.kind === 'flip') b[at] = b[at]! ^ (1 << e.bit);
        else for (let i = 0; i < 4 && at + i < b.length; i++) b[at + i] = (e.value >>> (8 * (3 - i))) & 0xff;
        break;
      case 'cut':
        // The later half only: cuts compound, and a file cut to its first bytes tests one refusal over and over.
        b = b.subarray(0, Math.floor((0.5 + e.at / 2) * b.length));
        break;
      case 'delete':
        b = concatBytes([b.subarray(0, at), b.subarray(at + e.length)]);
        break;
      case 'insert':
        b = concatBytes([b.subarray(0, at), e.bytes, b.subarray(at)]);
        break;
      case 'repeat': {
        const piece = b.subarray(at, at + e.length);
        b = concatBytes([b.subarray(0, at), ...Array.from({ length: e.times }, () => piece), b.subarray(at)]);
        break;
      }
    }
  }
  return b;
}

/** Real captures (Linux, committed under fixtures/captures) in both formats and several link types. */
export const CAPTURE_SEEDS = [
  'v1-two-subflows-add-addr.pcap',
  'v1-two-subflows-add-addr.pcapng',
  'v1-dss-checksum.pcap',
  'v1-ipv6.pcap',
  'v1-fastclose.pcap',
  'v1-add-addr-port.pcap',
  'v1-two-subflows-add-addr.nsec.pcap',
] as const;

export interface CaptureCase {
  seed: string;
  edits: ByteEdit[];
  bytes: Uint8Array;
}

export function captureCase(): fc.Arbitrary<CaptureCase> {
  const seeds = new Map(CAPTURE_SEEDS.map((s) => [s, readFixture(s)]));
  return fc.record({ seed: fc.constantFrom(...CAPTURE_SEEDS), edits: fc.array(byteEdit, { minLength: 1, maxLength: 8 }) }).map(({ seed, edits }) => ({ seed, edits, bytes: applyEdits(seeds.get(seed)!, edits) }));
}

/** Rethrows anything that is not a coded LabError: the one outcome a hostile input must never have. */
function codedOnly(e: unknown): void {
  if (!(e instanceof LabError)) throw e;
  if (!/^[A-Z][A-Z0-9_]+$/.test(e.code)) throw new Error(`error code "${e.code}" is not a code`);
  if (e.code === 'INTERNAL') throw e;
}

export type FuzzOutcome = 'result' | 'coded-error';

/**
 * Everything the app and CLI do with a capture: analysis with the frame
 * index and the ladder, the summary, the packet list's first and last rows
 * and a dissection of frames across it. Each must agree with the index.
 */
export function checkCapture(bytes: Uint8Array): FuzzOutcome {
  try {
    const { report, index } = analyzeCaptureIndexed(bytes);
    if (report.packets !== index.size) throw new Error(`report counts ${report.packets} packets, the index ${index.size}`);
    formatAnalysisSummary(report, 'fuzz.pcap');
    const rows = [...index.rows(0, 30, bytes), ...index.rows(Math.max(0, index.size - 30), 30, bytes)];
    for (const r of rows) if (typeof r.info !== 'string') throw new Error(`row ${r.frame} has no info`);
    for (let f = 1; f <= index.size; f += Math.max(1, Math.floor(index.size / 7))) index.dissect(f, bytes);
    return 'result';
  } catch (e) {
    codedOnly(e);
    return 'coded-error';
  }
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** One structural edit of a JSON document, at a path picked by index among all its paths. */
export type JsonEdit = { kind: 'replace'; path: number; value: Json } | { kind: 'delete'; path: number } | { kind: 'duplicate'; path: number; times: number };

/** Values a careless or hostile author writes where something else belongs. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(-1, 0, 1e308, -1e308, 2 ** 53 + 1, 1.5, '', '<script>alert(1)</script>', '\u001b[31mred', 'a\nb', '\u202e', [], {}, null, true, '__proto__'),
  fc.string({ maxLength: 20 }),
  fc.integer({ min: -5, max: 100_000_000 }),
);

export const jsonEdit: fc.Arbitrary<JsonEdit> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), path: fc.nat(), value: hostileValue }),
  fc.record({ kind: fc.constant('delete' as const), path: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), path: fc.nat(), times: fc.integer({ min: 2, max: 40 }) }),
);

function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k]!, [...at, k], out);
  return out;
}

export function applyJsonEdits(doc: Json, edits: readonly JsonEdit[]): Json {
  let root = structuredClone(doc);
  for (const e of edits) {
    const all = paths(root);
    const path = all[e.path % all.length]!;
    if (path.length === 0) {
      if (e.kind === 'replace') root = e.value;
      continue;
    }
    let parent: Json = root;
    for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[k]!;
    const key = path[path.length - 1]!;
    const box = parent as Record<string | number, Json>;
    if (e.kind === 'replace') box[key] = structuredClone(e.value);
    else if (e.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete box[key];
    } else if (Array.isArray(parent)) parent.splice(key as number, 0, ...Array.from({ length: e.times - 1 }, () => structuredClone(parent[key as number]!)));
    else box[key] = Array.from({ length: e.times }, () => structuredClone(box[key]!));
  }
  return root;
}

export interface ScenarioCase {
  seed: string;
  /** Structural edits, then byte edits of the JSON text (at most one of the two is empty). */
  jsonEdits: JsonEdit[];
  byteEdits: ByteEdit[];
  text: string;
}

export function scenarioCase(): fc.Arbitrary<ScenarioCase> {
  const docs = new Map(BUILTIN_DOCUMENTS.map((d) => JSON.parse(JSON.stringify(d)) as Json).map((d) => [String((d as { id?: unknown }).id), d]));
  const ids = [...docs.keys()];
  return fc
    .record({
      seed: fc.constantFrom(...ids),
      jsonEdits: fc.array(jsonEdit, { maxLength: 5 }),
      byteEdits: fc.oneof({ weight: 3, arbitrary: fc.constant([] as ByteEdit[]) }, { weight: 1, arbitrary: fc.array(byteEdit, { minLength: 1, maxLength: 4 }) }),
    })
    .map(({ seed, jsonEdits, byteEdits }) => {
      const text = JSON.stringify(applyJsonEdits(docs.get(seed)!, jsonEdits), null, 1);
      const bytes = applyEdits(new TextEncoder().encode(text), byteEdits);
      return { seed, jsonEdits, byteEdits, text: new TextDecoder().decode(bytes) };
    });
}

/** Simulated time a valid mutant runs for: the handshake, the joins and the first attacks. */
export const FUZZ_RUN_US = 300_000;
/** Simulator events a valid mutant may take (the run stops there, marked stopped): a bound on its time whatever its rates. */
export const FUZZ_RUN_EVENTS = 100_000;

/** Loads the text as a scenario; a valid one runs for FUZZ_RUN_US or FUZZ_RUN_EVENTS, whichever comes first, with its baselines. */
export function checkScenario(text: string): FuzzOutcome | 'problems' {
  try {
    const r = loadScenario(text);
    if (!r.ok) {
      if (r.problems.length === 0) throw new Error('an invalid scenario with no problems');
      for (const p of r.problems) if (!/^[A-Z][A-Z0-9_]+$/.test(p.code) || typeof p.message !== 'string') throw new Error(`problem without a code: ${JSON.stringify(p)}`);
      return 'problems';
    }
    let events = 0;
    runScenario(r.scenario, { trace: 'count', untilUs: FUZZ_RUN_US, progressEvery: 10_000, onProgress: (p) => (events = p.events), shouldStop: () => events >= FUZZ_RUN_EVENTS });
    return 'result';
  } catch (e) {
    codedOnly(e);
    return 'coded-error';
  }
}
