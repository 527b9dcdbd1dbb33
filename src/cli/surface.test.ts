import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinScenario, summarizeSurface, surfaceRowFixture, type ReviewDecision, type SurfaceResult, type SurfaceRow } from '../engine/index.ts';
import { main } from './main.ts';
import { surfaceText } from './surface-text.ts';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const row = (over: Partial<SurfaceRow>): SurfaceRow => surfaceRowFixture(over);

describe('surfaceText', () => {
  it('says "not attempted" where no attacker acted, and never anything that reads as defended there', () => {
    const places = [
      { id: 'a', kind: 'link' as const },
      { id: 'b', kind: 'link' as const },
      { id: 'off-path', kind: 'off-path' as const },
    ];
    const rows = [row({ place: 'a', failures: ['hijack'], mptcpSpecific: ['hijack'] }), row({ place: 'b' }), row({ place: 'off-path', placeKind: 'off-path', location: 'off-path', attempted: false })];
    const result: SurfaceResult = { scenario: 'x', version: '0', protocol: 'mptcp-v1', mitigations: [], macAlgorithm: 'version-default', places: summarizeSurface(places, rows), rows, skipped: [] };
    const text = surfaceText(result, undefined);
    expect(text).toMatch(/^a\s+link\s+hijack\*\s+high\s+1\s+1\s+1$/m);
    expect(text).toMatch(/^b\s+link\s+no failure found\s+—\s+0\s+1\s+1$/m);
    const offPath = text.split('\n').find((l) => l.startsWith('off-path'))!;
    expect(offPath).toMatch(/^off-path\s+off-path\s+not attempted\s+—\s+0\s+1\s+0$/);
    expect(offPath).not.toMatch(/defended|no failure|safe/);
    expect(text).toContain('a (link): 1 of 1 rows found failures');
    expect(text).toMatch(/^ {2}blind-reset\s+on-path active\s+—\s+hijack\*$/m);
  });
});

describe('lab surface', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-surface-'));

  it('prints the places, the rows that found failures and the review against this run', async () => {
    const decision = (failure: ReviewDecision['failure'], over: Partial<ReviewDecision> = {}): ReviewDecision => ({ attack: 'passive-eavesdrop', place: 'client-r1', location: 'on-path', capability: 'eavesdropper', window: null, failure, status: 'open', severity: 'high', owner: '', comment: '', ...over });
    const file = join(dir, 'reviewed.json');
    writeFileSync(file, JSON.stringify({ ...builtinScenario('nat-client'), review: { decisions: [decision('key-compromise', { status: 'accepted', owner: 'ana', comment: 'lab network only' }), decision('hijack')], reviewed: [] } }));
    const r = await run('surface', file, '--attacks', 'passive-eavesdrop');
    expect(r.code).toBe(0);
    // Off-path, a passive eavesdropper never acts: not attempted, which is not defended.
    expect(r.out).toMatch(/^off-path\s+off-path\s+not attempted\s+—\s+0\s+1\s+0$/m);
    expect(r.out).toMatch(/^client-r1\s+link\s+key-compromise\*\s+high\s+8\s+8\s+8$/m);
    expect(r.out).toMatch(/^ {2}passive-eavesdrop\s+on-path eavesdropper\s+—\s+key-compromise\*, eavesdrop-data$/m);
    expect(r.out).toMatch(/^Review: 2 decision\(s\) against \d+ finding\(s\) of this run \(\d+ new, 1 no longer found\):$/m);
    expect(r.out).toContain('  unchanged        passive-eavesdrop/client-r1/on-path/eavesdropper/-/key-compromise*  accepted, high, owner ana: lab network only');
    expect(r.out).toContain('  no longer found  passive-eavesdrop/client-r1/on-path/eavesdropper/-/hijack  open, high');
    expect(r.out).toMatch(/^ {2}NEW {14}passive-eavesdrop\/r1\/on-path\/eavesdropper\/-\/eavesdrop-data {2}no decision \(default severity medium\)$/m);
    expect(r.err).toMatch(/^lab surface: 41 rows of nat-client, 0 cells skipped$/m);
    expect(r.err).toMatch(/^lab surface: 41 rows in [\d.]+ s \(\d+ rows\/s\)$/m);
  });

  it('--workers gives the same JSON as one thread', async () => {
    const one = await run('surface', 'nat-client', '--attacks', 'add-addr-hijack,time-shifted-hijack', '--json');
    const two = await run('surface', 'nat-client', '--attacks', 'add-addr-hijack,time-shifted-hijack', '--json', '--workers', '2');
    expect(two.code).toBe(0);
    expect(two.out).toBe(one.out);
    expect(two.err).toMatch(/rows of nat-client, \d+ cells skipped(, in 2 workers| \(--workers 2 capped by 2 attack group\(s\) and 1 core\(s\)\))$/m);
  });

  it('documents itself, and refuses what it cannot run', async () => {
    const help = await run('surface', '--help');
    expect(help.out).toMatch(/^Usage: lab surface <scenario.json \| builtin-id> \[--json\] \[--attacks A,B\] \[--workers N\] \[--shard K\/N\]/);
    expect(help.out).toContain('"not attempted"');
    expect((await run('--help')).out).toMatch(/^ {2}surface +sweep a scenario's attack surface/m);
    expect((await run('--help')).out).toMatch(/^ {2}merge +put the shards/m);
    const none = await run('surface');
    expect(none.code).toBe(2);
    expect(none.err).toContain('surface needs a scenario: a built-in id or a JSON file');
    const unknown = await run('surface', 'no-such-scenario');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^lab: error CLI_FILE: "no-such-scenario" is neither a built-in scenario/);
    expect((await run('surface', 'nat-client', '--attacks', 'rst-storm')).err).toContain('--attacks: "rst-storm" is not one of');
    expect((await run('surface', 'nat-client', '--shard', '1/0')).err).toContain('--shard takes K/N with 0 ≤ K < N');
  });
});
