import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLink, linkCase, seedLinks } from './share-link-fuzz.ts';

describe('share-link fuzzing', () => {
  it('a mutated share link opens, says it is damaged, or lists scenario problems', async () => {
    const seeds = await seedLinks();
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(linkCase(seeds), async (link) => {
        const t0 = performance.now();
        seen.add(await checkLink(link));
        expect(performance.now() - t0).toBeLessThan(3_000);
      }),
      { numRuns: 150 },
    );
    // The mutations reach past the parser: some links still open, some are refused.
    expect(seen.has('document') || seen.has('builtin')).toBe(true);
    expect(seen.size).toBeGreaterThan(1);
  });
});
