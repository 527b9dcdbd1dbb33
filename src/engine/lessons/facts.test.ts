import { describe, expect, it } from 'vitest';
import { evaluateFact } from './facts.ts';
import type { LessonOutcome } from './outcome.ts';

const outcome = (o: Partial<LessonOutcome> = {}): LessonOutcome => ({ protocol: 'mptcp-v1', mitigations: [], failures: [], attackers: [], tcpOnly: [], dataIntact: true, hashWork: 0, crypto: { compressions: 0, cipherBlocks: 0 }, cutShort: false, ...o });
const dos = { id: 'connection-dos' as const, timeUs: 100_000, mptcpSpecific: false, attacker: 'm' };

describe('evaluateFact', () => {
  it('tcp-only holds when single-path TCP suffered the failure and the run did not', () => {
    const r = evaluateFact({ fact: 'tcp-only', failure: 'connection-dos' }, outcome({ tcpOnly: ['connection-dos'] }));
    expect(r).toEqual({ holds: true, finding: 'single-path TCP suffers Connection denial of service (connection-dos) and MPTCP was spared' });
  });

  it('tcp-only does not hold when the run suffers it too, when TCP does not, or without a baseline', () => {
    const fact = { fact: 'tcp-only', failure: 'connection-dos' } as const;
    expect(evaluateFact(fact, outcome({ failures: [dos] }))).toMatchObject({ holds: false, finding: expect.stringContaining('occurred here too') });
    expect(evaluateFact(fact, outcome())).toMatchObject({ holds: false, finding: expect.stringContaining('does not suffer') });
    expect(evaluateFact(fact, outcome({ tcpOnly: null }))).toMatchObject({ holds: false, finding: expect.stringContaining('not run') });
    const { tcpOnly: _absent, ...written } = outcome();
    expect(evaluateFact(fact, written).holds).toBe(false);
  });

  it('mptcp-specific and inherited need the failure, and each its own label', () => {
    const specific = outcome({ failures: [{ ...dos, mptcpSpecific: true }] });
    const inherited = outcome({ failures: [dos] });
    expect(evaluateFact({ fact: 'mptcp-specific', failure: 'connection-dos' }, inherited).holds).toBe(false);
    expect(evaluateFact({ fact: 'mptcp-specific', failure: 'connection-dos' }, specific).holds).toBe(true);
    expect(evaluateFact({ fact: 'inherited', failure: 'connection-dos' }, inherited)).toEqual({ holds: true, finding: 'Connection denial of service (connection-dos) occurred at 0.100000 s, inherited: single-path TCP suffers it too' });
    expect(evaluateFact({ fact: 'inherited', failure: 'connection-dos' }, specific).holds).toBe(false);
    expect(evaluateFact({ fact: 'inherited', failure: 'connection-dos' }, outcome()).holds).toBe(false);
  });

  it('hash-work bounds the run\'s hash work, or one of its parts', () => {
    const o = outcome({ hashWork: 296, crypto: { compressions: 8, cipherBlocks: 288 } });
    expect(evaluateFact({ fact: 'hash-work', of: 'all', atLeast: 296, atMost: 296 }, o)).toEqual({ holds: true, finding: 'the run did 296 hash operations (8 SHA compressions, 288 cipher blocks)' });
    expect(evaluateFact({ fact: 'hash-work', of: 'all', atLeast: 297 }, o).holds).toBe(false);
    expect(evaluateFact({ fact: 'hash-work', of: 'sha-compressions', atMost: 8 }, o)).toEqual({ holds: true, finding: 'the run did 8 SHA compressions' });
    expect(evaluateFact({ fact: 'hash-work', of: 'sha-compressions', atMost: 7 }, o).holds).toBe(false);
    expect(evaluateFact({ fact: 'hash-work', of: 'cipher-blocks', atLeast: 200 }, o)).toEqual({ holds: true, finding: 'the run did 288 cipher blocks' });
    const { crypto: _absent, ...total } = o;
    expect(evaluateFact({ fact: 'hash-work', of: 'all', atMost: 296 }, total)).toEqual({ holds: true, finding: 'the run did 296 hash operations' });
    expect(evaluateFact({ fact: 'hash-work', of: 'cipher-blocks', atLeast: 0 }, total).holds).toBe(false);
  });
});
