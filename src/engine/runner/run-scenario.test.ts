import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { singlePathScenario } from '../testing/scenarios.ts';
import { runScenario } from './run-scenario.ts';

describe('runScenario over plain TCP', () => {
  it('a bulk transfer arrives intact and both sides close', () => {
    const r = runScenario(singlePathScenario());
    expect(r.finished).toBe(true);
    expect(r.apps[0]).toMatchObject({ bytesRead: { server: 200_000 }, intact: true, closedBy: { client: 'fin', server: 'fin' } });
    expect(r.packets.every((p) => p.fate === 'delivered')).toBe(true);
  });

  it('is deterministic: same seed, same digest and bytes; another seed, another digest', () => {
    const a = runScenario(singlePathScenario({}, { lossRate: 0.03 }));
    const b = runScenario(singlePathScenario({}, { lossRate: 0.03 }));
    expect(b.digest).toBe(a.digest);
    expect(b.packets.map((p) => p.hex)).toEqual(a.packets.map((p) => p.hex));
    const c = runScenario(singlePathScenario({ seed: 2 }, { lossRate: 0.03 }));
    expect(c.digest).not.toBe(a.digest);
  });

  it('recovers from loss: every byte, in order, whatever the seed and loss up to 5 %', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        fc.integer({ min: 1, max: 150_000 }),
        fc.integer({ min: 100, max: 30_000 }),
        (seed, lossRate, bytes, delayUs) => {
          const s = singlePathScenario({ seed, traffic: [{ id: 'bulk', kind: 'bulk', from: 'client', to: 'server', port: 8080, bytes, startUs: 0 }] }, { lossRate, delayUs });
          const r = runScenario(s, { trace: 'digest' });
          expect(r.finished).toBe(true);
          expect(r.apps[0]!.bytesRead.server).toBe(bytes);
          expect(r.apps[0]!.intact).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('request/response exchanges complete', () => {
    const r = runScenario(
      singlePathScenario({
        traffic: [{ id: 'rr', kind: 'request-response', from: 'client', to: 'server', port: 80, requestBytes: 300, responseBytes: 50_000, count: 5, intervalUs: 10_000, startUs: 1000 }],
      }),
    );
    expect(r.finished).toBe(true);
    expect(r.apps[0]).toMatchObject({ bytesRead: { client: 250_000, server: 1500 }, intact: true });
  });
});
