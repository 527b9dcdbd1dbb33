import { describe, expect, it } from 'vitest';
import { builtinScenario, runScenario } from '../../engine/index.ts';
import { compareMarkdown, compareText, type CompareResult, type CompareRow } from './compare.ts';
import { livePhases, liveWindow } from './live-windows.ts';

const row = (over: Partial<CompareRow>): CompareRow => ({
  attack: 'add-addr-hijack',
  scenario: 'attack-add-addr-hijack',
  attackerClass: 'built-in',
  engine: { failures: ['hijack', 'mitm'], attempted: true },
  linux: { failures: ['hijack', 'mitm'], attempted: true, verdict: 'succeeded', wallMs: 4000 },
  notJudged: [],
  notOnLinux: [],
  agree: true,
  ...over,
});

describe('lab live compare output', () => {
  const result: CompareResult = {
    kernel: '6.18.44',
    rows: [row({}), row({ attack: 'join-dos', engine: { failures: ['join-dos', 'resource-exhaustion'], attempted: true }, linux: { failures: ['resource-exhaustion'], attempted: true, verdict: 'succeeded', wallMs: 3000 }, agree: false, notOnLinux: ['half-open-limit (a what-if the kernel does not have)'] })],
    agreeing: 1,
  };

  it('prints each row, the agreement ratio, and names the what-if a disagreeing Linux row ran without', () => {
    const text = compareText(result);
    expect(text).toContain('Linux 6.18.44');
    expect(text).toMatch(/join-dos .*NO \(Linux ran without half-open-limit\)/);
    expect(text).toContain('agreement: 1/2 rows (50 %)');
  });

  it('the Markdown table docs/attacks.md quotes', () => {
    const md = compareMarkdown(result).split('\n');
    expect(md[0]).toBe('| attack | attacker | engine | Linux 6.18.44 | agree |');
    expect(md[2]).toBe('| add-addr-hijack | built-in | `hijack`, `mitm` | `hijack`, `mitm` | yes |');
    expect(md[3]).toContain('| **no** |');
    expect(md.at(-1)).toBe('Agreement: 1/2 rows (50 %).');
  });
});

describe('the matrix windows on a live run’s phases', () => {
  it('read off packet records, they fall where the engine’s own phase events put them', () => {
    const s = { ...builtinScenario('attack-add-addr-hijack')!, attackers: [] };
    const r = runScenario(s);
    const p = livePhases(r.handle.records, s);
    const established = r.events.find((e) => e.kind === 'mptcp-fully-established')!.timeUs;
    // The third ACK reaches the server (its arrival: last hop + delay, serialization aside) when the server is established.
    expect(Math.abs(p.handshakeUs - established)).toBeLessThan(2000);
    expect(p.joinOpenUs).toBe(r.events.find((e) => e.kind === 'mptcp-join-open')!.timeUs);
    expect(liveWindow(p, 'handshake')).toEqual({ fromUs: 0, toUs: p.handshakeUs + 1 });
    const data = liveWindow(p, 'data');
    expect(data.toUs - data.fromUs).toBe(150_000);
  });
});
