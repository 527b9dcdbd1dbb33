import { describe, expect, it } from 'vitest';
import type { SimulationSummary } from '../../../worker/capture-client.ts';
import { markdownReport } from './report.ts';

const summary: SimulationSummary = {
  scenarioId: 'attack-x',
  title: 'An attack',
  note: null,
  seed: 1,
  protocol: 'mptcp-v1',
  packets: 10,
  endUs: 1000,
  finished: true,
  digest: 'abcd',
  pcapSha256: null,
  apps: [],
  mitigations: ['tls'],
  reproduce: { command: 'npm run --silent lab -- run attack-x --protocol mptcp-v1 --mitigations tls', needsFile: false },
  attackers: [
    { id: 'm', label: 'Mallory', location: 'partial-time-on-path', capability: 'active', at: ['l1'], window: { fromUs: 0, toUs: 50_000 }, attack: 'add-addr-hijack', attackLabel: 'ADD_ADDR hijack', rfc: 'RFC 7430 §2', knew: ['keys'], injected: 3, guessesUsed: 0, guessBudget: 0, expectedGuesses: null, facts: [] },
  ],
  failures: [{ id: 'hijack', name: 'Connection hijack', stride: 'Spoofing', rfc: 'RFC 7430 §2', timeUs: 12_000, mptcpSpecific: true, explanation: 'The server accepted a subflow from the attacker.', frames: [4, 9], amplification: null }],
  tcpOnly: ['connection-dos'],
  verdicts: [{ timeUs: 11_000, host: 'server', text: 'MP_JOIN HMAC verified', frame: 4 }],
};

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
});
