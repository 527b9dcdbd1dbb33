import { describe, expect, it } from 'vitest';
import { DIGEST_VERSION, TraceRecorder, type PacketRecord } from './trace.ts';
import type { HostEvent } from './events.ts';

const bytes = Uint8Array.from([69, 0, 0, 40, 1, 2, 3, 4]);
const packet = (over: Partial<PacketRecord> = {}): PacketRecord => ({ id: 7, timeUs: 1000, link: 'l1', from: 'client', to: 'r1', length: bytes.length, fate: 'delivered', ...over });

function digestOf(fill: (t: TraceRecorder) => void): string {
  const t = new TraceRecorder('digest');
  fill(t);
  return t.digestHex();
}

const packetDigest = (over: Partial<PacketRecord>) => digestOf((t) => t.packet(packet(over), bytes));
const eventDigest = (e: HostEvent) => digestOf((t) => t.event(e));

describe('the trace digest', () => {
  it(`is version ${DIGEST_VERSION} and covers every part of a packet record`, () => {
    const base = packetDigest({});
    for (const over of [{ fate: 'modified' as const }, { fate: 'injected' as const }, { reason: 'loss' }, { from: 'r1', to: 'client' }, { link: 'l2' }, { timeUs: 1001 }, { id: 8 }]) {
      expect(packetDigest(over), JSON.stringify(over)).not.toBe(base);
    }
    // Same length, different fate: the old digest hashed only the fate's length.
    expect(packetDigest({ fate: 'modified' })).not.toBe(packetDigest({ fate: 'injected' }));
    expect(packetDigest({ reason: 'loss' })).not.toBe(packetDigest({ reason: 'queue' }));
    expect(digestOf((t) => t.packet(packet(), Uint8Array.from([69, 0, 0, 40, 1, 2, 3, 5])))).not.toBe(base);
  });

  it('covers the structured fields of an event, not the prose an attacker notes', () => {
    const inject = (note: string, link = 'l1'): HostEvent => ({ kind: 'attacker-inject', packet: 3, link, note, timeUs: 5, host: 'mallory', packets: [3] });
    expect(eventDigest(inject('a forged RST'))).toBe(eventDigest(inject('reworded entirely')));
    expect(eventDigest(inject('a forged RST', 'l2'))).not.toBe(eventDigest(inject('a forged RST')));
    const rejected = (limit: number): HostEvent => ({ kind: 'mptcp-join-rejected', remote: '198.19.255.1:40000', reason: 'half-open-limit', limit, timeUs: 9, host: 'server', packets: [11] });
    expect(eventDigest(rejected(3))).not.toBe(eventDigest(rejected(4)));
    expect(eventDigest({ ...rejected(3), packets: [12] })).not.toBe(eventDigest(rejected(3)));
  });
});
