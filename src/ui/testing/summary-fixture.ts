/** A simulated run's summary for report tests, and the same with a hostile string in every text field. */
import type { SimulationSummary } from '../../worker/capture-client.ts';

export const summary: SimulationSummary = {
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
  outcome: {
    protocol: 'mptcp-v1',
    mitigations: ['tls'],
    failures: [{ id: 'hijack', timeUs: 12_000, mptcpSpecific: true, attacker: 'm' }],
    attackers: [{ id: 'm', attack: 'add-addr-hijack', location: 'partial-time-on-path', capability: 'active', attempted: true, cutShort: false }],
    dataIntact: true,
    hashWork: 40,
    cutShort: false,
  },
};

/** The summary with a hostile string in every text field a scenario or a run can fill (ids and the command are code spans, checked in export-text.test.ts). */
export function hostileSummary(h: string): SimulationSummary {
  const a = summary.attackers[0]!;
  const f = summary.failures[0]!;
  return {
    ...summary,
    title: h,
    note: h,
    mitigations: [h],
    reproduce: { command: 'npm run --silent lab -- run x.json', needsFile: true },
    attackers: [{ ...a, label: h, attackLabel: h, rfc: h, at: [h], knew: [h] }],
    failures: [{ ...f, name: h, stride: h, rfc: h, explanation: h, amplification: h }],
    tcpOnly: [h],
    verdicts: [{ ...summary.verdicts[0]!, text: h }],
  };
}
