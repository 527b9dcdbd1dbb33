import { describe, expect, it } from 'vitest';
import { eventText, type HostEvent } from '../sim/events.ts';
import { Atk, atk, evt, joinProse, pkt, prose, renderProse } from './prose.ts';

const fin: HostEvent = { kind: 'mptcp-data-fin-received', timeUs: 5, host: 'server', token: 'abcd0123', dsn: '99', packets: [4] };

describe('prose', () => {
  it('keeps packets, attackers and events as references, numbers as text, and flattens nested prose', () => {
    const inner = prose`inner ${pkt(2)}`;
    const p = prose`${atk('m')} sent ${pkt(7)} (${3} bytes): ${inner}; ${evt(fin)}`;
    expect(p).toEqual([{ attacker: 'm' }, ' sent ', { packet: 7 }, ' (', '3', ' bytes): ', 'inner ', { packet: 2 }, '; ', { event: fin }]);
  });

  it('leaves out empty text between references', () => {
    expect(prose`${pkt(1)}${pkt(2)}`).toEqual([{ packet: 1 }, { packet: 2 }]);
    expect(prose``).toEqual([]);
  });

  it('joins pieces with a separator between them only', () => {
    expect(joinProse([prose`a`, [pkt(1)], prose`c`], ', ')).toEqual(['a', ', ', { packet: 1 }, ', ', 'c']);
    expect(joinProse([prose`a`], ', ')).toEqual(['a']);
    expect(joinProse([], ', ')).toEqual([]);
  });

  it('renders with the default names, or a reader\'s own', () => {
    const p = prose`${Atk('m')} sent ${pkt(7)}; ${atk('m')} again: ${evt(fin)}.`;
    expect(renderProse(p)).toBe(`Attacker m sent packet #7; attacker m again: ${eventText(fin)}.`);
    const names = { packet: (id: number) => `frame ${id + 1}`, actor: (id: string) => `mallory (${id})` };
    expect(renderProse(p, names)).toBe(`Mallory (m) sent frame 8; mallory (m) again: ${eventText(fin, names)}.`);
  });
});
