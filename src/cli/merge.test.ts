import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../engine/index.ts';
import { main } from './main.ts';
import { LineSplitter } from './json-lines.ts';

async function run(argv: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const input = stdin === undefined ? {} : { stdin: (async function* () { yield new TextEncoder().encode(stdin); })() };
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), ...input });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'lab-merge-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** Runs `argv` with --shard K/4 for each K; returns the shards' text (each ending in a newline). */
async function shards(argv: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let k = 0; k < 4; k++) {
    const r = await run([...argv, '--shard', `${k}/4`]);
    expect(r.code).toBe(0);
    out.push(`${r.out}\n`);
  }
  return out;
}

describe('lab matrix --shard and lab merge', () => {
  const argv = ['matrix', '--attacks', 'blind-reset', '--protocols', 'v1'];
  let whole: string;
  let parts: string[];
  beforeAll(async () => {
    whole = (await run([...argv, '--json'])).out;
    parts = await shards(argv);
  }, 60_000);

  it('merges 4 shards into exactly the unsharded --json, which has no wall time in it', async () => {
    expect(whole).not.toContain('runMs');
    const header = JSON.parse(parts[2]!.split('\n')[0]!) as Record<string, unknown>;
    expect(header).toMatchObject({ kind: 'lab-matrix-shard', format: 1, shard: { k: 2, n: 4 }, rows: (JSON.parse(whole) as { rows: unknown[] }).rows.length });
    const paths = parts.map((p, k) => file(`matrix-${k}.jsonl`, p));
    const merged = await run(['merge', ...paths.reverse()]);
    expect(merged.err).toBe('');
    expect(merged.out).toBe(whole);
  });

  it('takes the shards from stdin, one after another as cat gives them', async () => {
    const merged = await run(['merge', '-'], parts.join(''));
    expect(merged.out).toBe(whole);
  });

  it('refuses a missing shard', async () => {
    const r = await run(['merge', file('m0.jsonl', parts[0]!), file('m1.jsonl', parts[1]!), file('m3.jsonl', parts[3]!)]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('lab: error CLI_MERGE: missing shard 2/4 (the input has 0/4, 1/4, 3/4)');
  });

  it('refuses a shard given twice, and a row given twice', async () => {
    const a = file('d1.jsonl', parts[1]!);
    const b = file('d1-copy.jsonl', parts[1]!);
    const twice = await run(['merge', file('d0.jsonl', parts[0]!), a, b]);
    expect(twice.err).toBe(`lab: error CLI_MERGE: shard 1/4 appears in both ${a} line 1 and ${b} line 1`);
    const lines = parts[1]!.trimEnd().split('\n');
    const row = await run(['merge', file('r1.jsonl', `${[...lines, lines[2]].join('\n')}\n`)]);
    const index = (JSON.parse(lines[2]!) as { index: number }).index;
    expect(row.err).toBe(`lab: error CLI_MERGE: row ${index} appears in both ${join(dir, 'r1.jsonl')} line 3 and ${join(dir, 'r1.jsonl')} line ${lines.length + 1}`);
  });

  it('refuses a shard cut short, and a row of another shard', async () => {
    const lines = parts[3]!.trimEnd().split('\n');
    const cut = file('cut.jsonl', `${lines.slice(0, -1).join('\n')}\n`);
    const r = await run(['merge', ...parts.slice(0, 3).map((p, k) => file(`c${k}.jsonl`, p)), cut]);
    const missing = (JSON.parse(lines.at(-1)!) as { index: number }).index;
    expect(r.err).toBe(`lab: error CLI_MERGE: ${cut}: shard 3/4 has ${lines.length - 2} of its ${lines.length - 1} rows; row ${missing} is missing (was the shard cut short?)`);
    const stray = parts[0]!.split('\n')[1]!;
    const wrong = file('wrong.jsonl', `${lines[0]}\n${stray}\n`);
    expect((await run(['merge', wrong])).err).toMatch(new RegExp(`^lab: error CLI_MERGE: ${wrong} line 2: row \\d+ does not belong to shard 3/4 \\(\\d+ % 4 = 0\\)$`));
  });

  it('refuses a malformed line, naming the file and line', async () => {
    const lines = parts[1]!.trimEnd().split('\n');
    const bad = file('bad.jsonl', `${lines[0]}\n${lines[1]}\n${lines[2]!.slice(0, 40)}\n`);
    const r = await run(['merge', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^lab: error CLI_MERGE: ${bad} line 3: not a JSON line \\(`));
    const headless = file('headless.jsonl', `${lines[1]}\n`);
    expect((await run(['merge', headless])).err).toBe(`lab: error CLI_MERGE: ${headless} line 1: a row before any shard header (a shard starts with its header line)`);
    const other = file('other.jsonl', '{"kind":"lab-bench","format":1}\n');
    expect((await run(['merge', other])).err).toBe(`lab: error CLI_MERGE: ${other} line 1: "kind" is "lab-bench", not one of lab-surface-shard, lab-matrix-shard`);
    const empty = await run(['merge', file('empty.jsonl', '')]);
    expect(empty.err).toMatch(/^lab: error CLI_MERGE: no shard in the input/);
  });

  it('needs files, and a --shard of the form K/N', async () => {
    expect((await run(['merge'])).code).toBe(2);
    const r = await run(['matrix', '--shard', '4/4']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--shard takes K/N with 0 ≤ K < N, like 0/4');
  });
});

describe('lab surface --shard and lab merge', () => {
  let whole: string;
  let parts: string[];
  beforeAll(async () => {
    whole = (await run(['surface', 'nat-client', '--json'])).out;
    parts = await shards(['surface', 'nat-client']);
  }, 120_000);

  it('lab surface nat-client --json sharded 4 ways and merged equals the unsharded run, byte for byte', async () => {
    const result = JSON.parse(whole) as { scenario: string; rows: unknown[]; places: unknown[] };
    expect(result.scenario).toBe('nat-client');
    expect(result.rows.length).toBeGreaterThan(100);
    const header = JSON.parse(parts[0]!.split('\n')[0]!) as Record<string, unknown>;
    expect(Object.keys(header)).toEqual(['kind', 'format', 'shard', 'rows', 'plan', 'head', 'places', 'skipped']);
    expect(header).toMatchObject({ kind: 'lab-surface-shard', shard: { k: 0, n: 4 }, rows: result.rows.length, head: { scenario: 'nat-client' } });
    const merged = await run(['merge', ...parts.map((p, k) => file(`surface-${k}.jsonl`, p))]);
    expect(merged.code).toBe(0);
    expect(merged.out).toBe(whole);
  });

  it('refuses shards of different scenario versions', async () => {
    const header = JSON.parse(parts[1]!.split('\n')[0]!) as { head: { version: string } };
    const changed = parts[1]!.replace(`"version":"${header.head.version}"`, '"version":"0123456789abcdef"');
    const first = file('v0.jsonl', parts[0]!);
    const other = file('v1.jsonl', changed);
    const r = await run(['merge', first, other, file('v2.jsonl', parts[2]!), file('v3.jsonl', parts[3]!)]);
    expect(r.err).toBe(`lab: error CLI_MERGE: ${other} line 1: scenario nat-client version 0123456789abcdef, but ${first} line 1 has nat-client version ${header.head.version}: shards of different scenarios, or of a scenario changed between shards, do not merge`);
  });

  it('refuses a surface shard beside a matrix one', async () => {
    const matrix = await run(['matrix', '--attacks', 'blind-reset', '--protocols', 'v1', '--mitigations', 'tls', '--shard', '1/4']);
    const a = file('s0.jsonl', parts[0]!);
    const b = file('m1.jsonl', `${matrix.out}\n`);
    expect((await run(['merge', a, b])).err).toBe(`lab: error CLI_MERGE: ${b} line 1: a lab-matrix-shard header, but ${a} line 1 is a lab-surface-shard: the shards of one sweep are all of lab surface or all of lab matrix`);
  });
});

describe('LineSplitter', () => {
  it('gives lines across chunks, and the last one without a newline', () => {
    const got: [string, number][] = [];
    const s = new LineSplitter('x', (t, n) => got.push([t, n]));
    for (const c of ['ab', 'c\r\nd', '\n\ne']) s.push(new TextEncoder().encode(c));
    s.end();
    expect(got).toEqual([['abc', 1], ['d', 2], ['', 3], ['e', 4]]);
  });

  it('refuses a line over its limit before holding more of it', () => {
    const s = new LineSplitter('big.jsonl', () => {}, 8);
    s.push(new TextEncoder().encode('12345\n'));
    expect(() => s.push(new TextEncoder().encode('123456789'))).toThrow(new LabError('CLI_MERGE', 'big.jsonl line 2: longer than 8 bytes; a shard\'s lines are a header or one row each (is this a shard file?)'));
  });
});
