import { describe, expect, it } from 'vitest';
import { inPlanOrder, parseShard, shardCells } from './shard.ts';

describe('shards', () => {
  it('--shard K/N counts K from 0, like JOB_COMPLETION_INDEX, and takes rows K, K+N, …', () => {
    expect(parseShard(undefined)).toEqual({ k: 0, n: 1 });
    expect(parseShard('3/4')).toEqual({ k: 3, n: 4 });
    for (const bad of ['4/4', '1/0', '-1/4', '1/4/2', 'a/b', '2']) expect(() => parseShard(bad)).toThrow(/--shard takes K\/N with 0 ≤ K < N/);
    expect(shardCells(['a', 'b', 'c', 'd', 'e'], { k: 1, n: 2 })).toEqual([
      { index: 1, cell: 'b' },
      { index: 3, cell: 'd' },
    ]);
    expect(shardCells(['a'], { k: 3, n: 4 })).toEqual([]);
  });

  it('hands rows on in plan order whatever order workers finish them in', () => {
    const out: number[] = [];
    const put = inPlanOrder<string>([1, 5, 9, 13], (i) => out.push(i));
    put(9, 'x');
    put(5, 'x');
    expect(out).toEqual([]);
    put(1, 'x');
    expect(out).toEqual([1, 5, 9]);
    put(13, 'x');
    expect(out).toEqual([1, 5, 9, 13]);
  });
});
