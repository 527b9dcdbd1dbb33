import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../engine/index.ts';
import { CaptureService } from './capture-service.ts';
import type { LoadProgress } from './protocol.ts';

describe('a simulation in the worker', () => {
  it('reports simulated time and packets in batches, and stops at the next batch when asked', async () => {
    const service = new CaptureService();
    const seen: LoadProgress[] = [];
    let stop = false;
    const s = builtinScenario('two-path-v1')!;
    const fiveMb = { ...s, traffic: s.traffic.map((t) => ({ ...t, bytes: 5_000_000 })) };
    const run = service.simulateDocument(1, fiveMb, (p) => {
      seen.push(p);
      if (p.phase === 'simulating') stop = true;
    }, () => stop);
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED', message: expect.stringMatching(/^Run cancelled at \d+\.\d{3} s simulated$/) });
    expect(seen[0]).toMatchObject({ phase: 'simulating' });
    expect(seen[0]!.simUs).toBeGreaterThan(0);
    // The service stays usable: the next run goes to its end.
    const done = await service.simulate(2, 'two-path-v1', {}, () => {});
    expect(done.summary.finished).toBe(true);
  });
});
