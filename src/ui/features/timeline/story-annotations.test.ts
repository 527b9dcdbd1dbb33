import { describe, expect, it } from 'vitest';
import type { TimelineData } from '../../../engine/index.ts';
import { flagLeft, MAX_ANNOTATIONS, placeFlags, storyAnnotations, type StoryAnnotation } from './story-annotations.ts';

/** Ten frames; frames 3 and 7 were sent by the attacker "mallory". */
const t = { count: 10, attacker: Int16Array.from({ length: 10 }, (_, i) => (i === 2 || i === 6 ? 0 : -1)), attackers: ['mallory'] } as unknown as TimelineData;
const attackers = [{ id: 'mallory', label: 'Mallory' }];

describe('the attack\'s story on the ladder', () => {
  it('names the failures and the hosts\' decisions on attacker packets, in time order', () => {
    const story = storyAnnotations(
      {
        failures: [
          { id: 'mitm', name: 'Man in the middle', timeUs: 153_512, frames: [7] },
          { id: 'hijack', name: 'Connection hijack', timeUs: 120_000, frames: [5, 7] },
        ],
        verdicts: [
          { timeUs: 65_048, host: 'client', text: 'client connection 2279e4f9: peer announces address ID 9 198.18.66.6', frame: 3 },
          // The same decision again, and a step the failures already name: not flagged.
          { timeUs: 66_000, host: 'client', text: 'client connection 2279e4f9: peer announces address ID 9 198.18.66.6', frame: 7 },
          { timeUs: 120_000, host: 'server', text: 'server connection 53292bce: subflow …: MP_JOIN HMAC verified: subflow joined (address ID 0)', frame: 7 },
        ],
        attackers,
      },
      t,
    );
    expect(story.map((a) => [a.text, a.kind, a.frame])).toEqual([
      ['ADD_ADDR forged', 'decision', 3],
      ['join through Mallory', 'failure', 5],
      ['MITM from 153.5 ms', 'failure', 7],
    ]);
  });

  it('never takes a decision about a host\'s own packet for the attacker\'s', () => {
    const story = storyAnnotations({ failures: [], verdicts: [{ timeUs: 1, host: 'client', text: 'peer announces address ID 1 198.18.2.2', frame: 1 }], attackers }, t);
    expect(story).toEqual([]);
  });

  it('says when a host saw through the forgery', () => {
    const story = storyAnnotations({ failures: [], verdicts: [{ timeUs: 1, host: 'client', text: 'client connection 1: ADD_ADDR ignored: HMAC mismatch', frame: 3 }], attackers }, t);
    expect(story.map((a) => a.text)).toEqual(['forged ADD_ADDR ignored by client']);
  });

  it('keeps to a few, failures first', () => {
    const failures = Array.from({ length: 8 }, (_, k) => ({ id: `f${k}`, name: `Failure ${k}`, timeUs: 1000 * k, frames: [] }));
    const story = storyAnnotations({ failures, verdicts: [{ timeUs: 0, host: 'client', text: 'peer announces address', frame: 3 }], attackers }, t);
    expect(story).toHaveLength(MAX_ANNOTATIONS);
    expect(story.every((a) => a.kind === 'failure')).toBe(true);
  });
});

describe('flags on the chart', () => {
  const a = (timeUs: number, text: string, kind: StoryAnnotation['kind'] = 'decision'): StoryAnnotation => ({ timeUs, text, kind, frame: null });
  const width = (text: string) => text.length * 6;

  it('stack when close, never overlap, and leave out what fits in no row (decisions before failures)', () => {
    const flags = placeFlags([a(100, 'ADD_ADDR forged'), a(105, 'join through Mallory', 'failure'), a(110, 'MITM from 1 ms', 'failure')], (us) => us, width, 0, 1000, 2);
    expect(flags.map((f) => [f.annotation.text, f.row])).toEqual([
      ['join through Mallory', 0],
      ['MITM from 1 ms', 1],
    ]);
    for (const p of flags) for (const q of flags) if (p !== q && p.row === q.row) expect(p.x + p.width <= q.x || q.x + q.width <= p.x).toBe(true);
  });

  it('share a row when apart, skip what is out of view, and hang left at the right edge', () => {
    const flags = placeFlags([a(100, 'first'), a(500, 'second'), a(2000, 'gone'), a(990, 'edge')], (us) => us, width, 0, 1000, 2);
    expect(flags.map((f) => [f.annotation.text, f.row])).toEqual([
      ['first', 0],
      ['second', 0],
      ['edge', 0],
    ]);
    // The last one's box ends at the edge, its pole still at its moment.
    expect(flagLeft(flags[2]!, 1000)).toBe(1000 - flags[2]!.width);
    expect(flags[2]!.x).toBe(990);
  });
});
