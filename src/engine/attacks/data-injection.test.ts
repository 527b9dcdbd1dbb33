/**
 * Data injection: the forged bytes reach an application only when every
 * sequence number in the segment is the one the victim expects — and the
 * data-injection monitor sees it in what the application read.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import type { AttackerSpec, Scenario } from '../scenario/types.ts';
import { singlePathScenario, twoPathScenario } from '../testing/scenarios.ts';

const mallory = (over: Partial<AttackerSpec> = {}): AttackerSpec => ({
  id: 'mallory',
  location: 'on-path',
  capability: 'active',
  at: ['l1'],
  attack: 'data-injection',
  params: {},
  guessBudget: 0,
  ...over,
});
const attacked = (s: Scenario, a: AttackerSpec): RunResult => runScenario({ ...s, attackers: [a] });
const failure = (r: RunResult, id: string) => r.failures.find((f) => f.id === id);
const injected = (r: RunResult) => r.attackers[0]!.actions.filter((a) => a.kind === 'attacker-inject').flatMap((a) => a.packets ?? []);

describe('data injection', () => {
  it('into plain TCP: the server application reads the forged bytes', () => {
    const r = attacked(singlePathScenario(), mallory());
    const f = failure(r, 'data-injection')!;
    expect(f.mptcpSpecific).toBe(false);
    expect(f.evidence.packets).toEqual(injected(r));
    expect(r.apps[0]!.intact).toBe(false);
    expect(f.explanation).toMatch(/from stream offset \d+ on/);
  });

  it('into MPTCP on-path: the forged bytes are read and the victim subflow lives on (the real mapping maps the rest, as in Linux)', () => {
    const r = attacked(twoPathScenario('mptcp-v1'), mallory());
    expect(failure(r, 'data-injection')!.mptcpSpecific).toBe(false);
    expect(r.events.filter((e) => e.kind === 'mptcp-subflow-reset' || e.kind === 'mptcp-fallback')).toEqual([]);
    expect(r.failures.map((f) => f.id)).not.toContain('connection-dos');
    expect(r.finished).toBe(true);
  });

  it('into MPTCP with DSS checksums: it needs the DSN too, which it saw, and the checksum, which anyone can compute; the real segment then fails its checksum', () => {
    const base = twoPathScenario('mptcp-v1');
    const r = attacked({ ...base, mptcp: { ...base.mptcp, checksums: true } }, mallory());
    expect(r.attackers[0]!.actions.find((a) => a.kind === 'attacker-inject')).toMatchObject({ note: expect.stringMatching(/DSN \d+ \(SSN \d+\) with its DSS checksum/) });
    expect(failure(r, 'data-injection')!.mptcpSpecific).toBe(false);
    // Linux sums the real mapping from the first unread byte (validate_data_csum): it fails, MP_FAIL resets the subflow, the rest comes over the other.
    expect(r.events.filter((e) => e.kind === 'mptcp-subflow-reset').map((e) => e.cause)).toEqual(['checksum-failed']);
    expect(r.finished).toBe(true);
  });

  it('with numbers it saw before leaving the path, the victim takes the segment for an old duplicate', () => {
    const r = attacked(twoPathScenario('mptcp-v1'), mallory({ location: 'partial-time-on-path', window: { fromUs: 0, toUs: 40_000 } }));
    expect(injected(r)).toHaveLength(1);
    expect(failure(r, 'data-injection')).toBeUndefined();
    expect(r.apps[0]!.intact).toBe(true);
  });

  it('off-path it has nothing to go on, and says how many guesses MPTCP would cost', () => {
    const r = attacked(twoPathScenario('mptcp-v1'), mallory({ location: 'off-path' }));
    const a = r.attackers[0]!;
    expect(a.actions.map((x) => x.kind)).toEqual(['attacker-placed', 'attacker-gives-up']);
    expect(a.expectedGuesses!.guesses).toBeGreaterThan(1e19);
    expect(r.failures).toEqual([]);
  });
});
