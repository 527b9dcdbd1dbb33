import { describe, expect, it } from 'vitest';
import { HOSTILE, RAW_UNSAFE } from '../../testing/hostile-strings.ts';
import { hostileSummary, summary } from '../../testing/summary-fixture.ts';
import { markdownReport } from './report.ts';

describe('markdownReport', () => {
  it('files each failure with its STRIDE category, evidence and explanation, and says what MPTCP was spared', () => {
    const md = markdownReport(summary, undefined);
    expect(md).toContain('# Security report: An attack');
    expect(md).toContain('- Mitigations: tls');
    expect(md).toContain('partial-time on-path (0.0 ms–50.0 ms) active attacker at l1');
    expect(md).toContain('| Connection hijack (`hijack`) | Spoofing | RFC 7430 §2 | 12.0 ms | yes | 4, 9 | not computed |');
    expect(md).toContain('**Connection hijack.** The server accepted a subflow from the attacker.');
    expect(md).toContain('suffers connection-dos; this run did not');
    expect(md).toContain('- 11.0 ms (frame 4): MP_JOIN HMAC verified');
  });

  it('names the switches that prevent each failure when they were measured', () => {
    const md = markdownReport(summary, undefined, { tried: ['add-addr-hmac', 'dh-keys'], byFailure: { hijack: ['dh-keys'] } });
    expect(md).toContain('| 4, 9 | dh-keys |');
    expect(md).toContain('run again with each of add-addr-hmac, dh-keys');
  });

  it('gives the command that reproduces the run shown, with the switches it ran with, or says to save an edited scenario first', () => {
    expect(markdownReport(summary, undefined)).toContain('`npm run --silent lab -- run attack-x --protocol mptcp-v1 --mitigations tls` reproduces it');
    const edited = markdownReport({ ...summary, reproduce: { command: 'npm run --silent lab -- run attack-x.json', needsFile: true } }, undefined);
    expect(edited).toContain('save the scenario as JSON (Export → Scenario), then `npm run --silent lab -- run attack-x.json` reproduces it');
  });

  it('says how a switched run differs from the built-in whose description it quotes', () => {
    const md = markdownReport({ ...summary, note: 'This run is the built-in with MPTCP v1 (the built-in runs MPTCP v0); the description is the built-in\'s.' }, { id: 'attack-x', title: 'An attack', description: 'The built-in.', protocol: 'mptcp-v0', attacks: [], mitigations: [] });
    expect(md).toContain('> This run is the built-in with MPTCP v1 (the built-in runs MPTCP v0)');
    expect(md.indexOf('> This run')).toBeLessThan(md.indexOf('The built-in.'));
  });

  it('says so when nothing failed', () => {
    expect(markdownReport({ ...summary, failures: [], tcpOnly: [] }, undefined)).toContain('None: no monitor found a failure in this run.');
  });

  const f0 = summary.failures[0]!.id;
  it('keeps each hostile name inside its line and its table cell: no heading, list, quote, row, HTML or control character comes from it', () => {
    const plain = markdownReport(hostileSummary('x'), { id: 'attack-x', title: 'x', description: 'x', protocol: 'mptcp-v1', attacks: [], mitigations: [] }, { tried: ['x'], byFailure: { [f0]: ['x'] } });
    // Each line's kind: blank, a table row (and its cell count), a heading, list item, quote, code, or a paragraph.
    const kind = (line: string) => (line === '' ? '' : line.startsWith('|') ? `|${line.split(/(?<!\\)\|/).length}` : (/^(#{1,6} |[-+*] |> |\d+[.)] |```| {4}|[=-]+$)/.exec(line)?.[1] ?? 'p'));
    const shape = (md: string) => md.split('\n').map(kind);
    for (const [name, h] of Object.entries(HOSTILE)) {
      const md = markdownReport(hostileSummary(h), { id: 'attack-x', title: h, description: h, protocol: 'mptcp-v1', attacks: [], mitigations: [] }, { tried: [h], byFailure: { [f0]: [h] } });
      // The same lines, starting the same way, and the same number of cells in each table row, as with a plain name.
      expect(shape(md), name).toEqual(shape(plain));
      expect(md, name).not.toMatch(RAW_UNSAFE);
      expect(md, name).not.toMatch(/(^|[^\\])(\\\\)*<(script|img|b|\/)/);
    }
  });
});
