import { describe, expect, it } from 'vitest';
import type { PayloadSample } from '../attacks/attacker.ts';
import { appBytes, fakeAttacker, fakeTruth } from '../testing/truth-builder.ts';
import { eavesdropData } from './eavesdrop-data.ts';
import { renderProse } from './prose.ts';

const sample = (packetId: number, timeUs: number, length: number, bytes: Uint8Array): PayloadSample => ({ packetId, timeUs, length, bytes });
/** A TLS record's worth of bytes: nothing an application wrote. */
const cipher = new Uint8Array(64).fill(0x17);

describe('eavesdrop-data', () => {
  it('holds from the first captured payload that is application data, counting all of them', () => {
    const a = fakeAttacker({
      location: 'partial-time-on-path',
      capability: 'eavesdropper',
      window: { fromUs: 100, toUs: 900 },
      payloadsSeen: [sample(3, 150, 64, cipher), sample(5, 200, 1400, appBytes(64)), sample(6, 210, 40, cipher), sample(8, 300, 600, appBytes(64, 100))],
    });
    const [f, ...rest] = eavesdropData.evaluate(fakeTruth({ attackers: [a] }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'eavesdrop-data', timeUs: 200, attacker: 'mallory', evidence: { packets: [5], events: [] } });
    expect(f!.amplification).toBeUndefined();
    expect(renderProse(f!.explanation)).toBe(
      'Attacker mallory (partial-time on-path (100–900 µs) eavesdropper at r1) saw application data in clear: packet #5 carried 1400 bytes an application wrote, and 2 of the 4 payloads it captured (2000 bytes) were application data. Neither TCP nor MPTCP encrypts the byte stream; only a layer above them (TLS) keeps it secret.',
    );
  });

  it('does not hold for an attacker that saw only ciphertext, or nothing', () => {
    const tls = fakeAttacker({ payloadsSeen: [sample(3, 150, 64, cipher), sample(4, 160, 15, appBytes(15))] });
    expect(eavesdropData.evaluate(fakeTruth({ attackers: [tls, fakeAttacker({ id: 'idle' })] }))).toEqual([]);
  });

  it('judges what each attacker saw by the run’s own test for application data', () => {
    const a = fakeAttacker({ payloadsSeen: [sample(3, 150, 64, cipher)] });
    const b = fakeAttacker({ id: 'b', payloadsSeen: [sample(4, 100, 10, appBytes(10))] });
    const found = eavesdropData.evaluate(fakeTruth({ attackers: [a, b], isApplicationData: (bytes) => bytes[0] === 0x17 }));
    expect(found.map((f) => [f.attacker, f.timeUs, f.evidence.packets])).toEqual([['mallory', 150, [3]]]);
    expect(renderProse(found[0]!.explanation)).toContain('packet #3 carried 64 bytes an application wrote, and 1 of the 1 payloads it captured (64 bytes)');
  });
});
