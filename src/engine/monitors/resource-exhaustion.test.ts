import { describe, expect, it } from 'vitest';
import type { SynRecord } from '../host/syn-ledger.ts';
import { fakeAttacker, fakeEndpoint, fakeSyn, fakeTruth, type TruthInit } from '../testing/truth-builder.ts';
import type { FloodReference } from './monitor.ts';
import { renderProse } from './prose.ts';
import { resourceExhaustion } from './resource-exhaustion.ts';

const crypto = (compressions: number) => ({ hashes: 0, hmacs: 0, compressions, cipherBlocks: 0 });
const open = () => fakeEndpoint();
/** What the server's listeners did with SYNs, the attacker's 22–26 among them; the run ends at 10 ms. */
const serverSyns = (): SynRecord[] => [
  fakeSyn({ packetId: 5, atUs: 10, endpoint: open() }), // a legitimate client's
  fakeSyn({ packetId: 20, atUs: 20, endpoint: open(), answered: true }), // its sender answered
  fakeSyn({ packetId: 21, atUs: 30, endpoint: fakeEndpoint({ establishedAtUs: 40 }) }), // completed
  fakeSyn({ packetId: 22, atUs: 500, kind: 'mp-capable', kept: null, cookie: true, crypto: crypto(3) }),
  fakeSyn({ packetId: 23, atUs: 600, kept: { structure: 'join_entry', bytes: 16, fixedSlot: true }, crypto: crypto(2) }),
  fakeSyn({ packetId: 24, atUs: 1000, endpoint: open(), crypto: crypto(4) }),
  fakeSyn({ packetId: 25, atUs: 2000, kind: 'tcp', kept: { structure: 'tcp_request_sock', bytes: 312, fixedSlot: false }, endpoint: open() }),
  fakeSyn({ packetId: 26, atUs: 3000, endpoint: fakeEndpoint({ closedAtUs: 4000 }), crypto: crypto(4) }),
  fakeSyn({ packetId: 70, atUs: 3500, endpoint: open() }), // one the attacker only rewrote
];
const REFERENCE: FloodReference = { description: 'single-path TCP with SYN cookies against the same attackers', peakStateBytes: 0, stateByteUs: 0, compressions: 40, syns: 5 };
const mallory = () => fakeAttacker({ sent: [20, 21, 22, 23, 24, 25, 26], touched: [70], sentBytes: 600 });
const run = (o: TruthInit) => resourceExhaustion.evaluate(fakeTruth({ endUs: 10_000, attackers: [mallory()], syns: new Map([['server', serverSyns()]]), flood: REFERENCE, ...o }));
const HELD =
  'server held half-open state for 3 of the 5 SYN+MP_CAPABLE and SYN+MP_JOIN and SYN packets attacker mallory (on-path active at r1) sent from spoofed sources — mptcp_subflow_request_sock (384 bytes), tcp_request_sock (312 bytes) each, as Linux allocates — up to 1080 bytes at once (6.3 byte-seconds until the end of the run), and made 13 SHA compression-function calls for them.';

describe('resource-exhaustion', () => {
  it('holds when the half-open state held for unanswered attacker SYNs peaks above the reference’s, with state bytes per attacker byte', () => {
    const [f, ...rest] = run({});
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'resource-exhaustion', timeUs: 1000, attacker: 'mallory', evidence: { packets: [24, 25, 26], events: [] }, amplification: { value: 1.8, per: 'state bytes' } });
    expect(renderProse(f!.explanation)).toBe(`${HELD} single-path TCP with SYN cookies against the same attackers held 0 bytes for the same flood (5 SYNs) and made 40 compression calls: 1.80 state bytes per byte the attacker sent (600 bytes in all).`);
  });

  it('only when it peaks above the reference’s: not at the same peak', () => {
    expect(run({ flood: { ...REFERENCE, peakStateBytes: 1080 } })).toEqual([]);
    const [f] = run({ flood: { ...REFERENCE, peakStateBytes: 1079 } });
    expect(renderProse(f!.explanation)).toContain('against the same attackers held 1079 bytes for the same flood');
  });

  it('without a reference run: against nothing, as TCP with SYN cookies keeps', () => {
    const [f] = run({ flood: null });
    expect(renderProse(f!.explanation)).toBe(`${HELD} TCP with SYN cookies keeps nothing for a SYN: 1.80 state bytes per byte the attacker sent (600 bytes in all).`);
  });

  it('not for a server that answered from cookies or a fixed table, even against nothing', () => {
    const syns = new Map([['server', serverSyns().filter((r) => !r.kept || r.kept.fixedSlot)]]);
    expect(run({ syns, flood: null })).toEqual([]);
    expect(run({ syns: new Map([['server', serverSyns().slice(0, 3)]]), flood: null })).toEqual([]);
  });

  it('per byte the attacker sent, at least one', () => {
    const [f] = run({ attackers: [fakeAttacker({ sent: [20, 21, 22, 23, 24, 25, 26], sentBytes: 0 })] });
    expect(f!.amplification).toEqual({ value: 1080, per: 'state bytes' });
    expect(renderProse(f!.explanation)).toContain(': 1080.00 state bytes per byte the attacker sent (0 bytes in all).');
  });

  it('several attackers flooding one host: per byte all of them sent, naming them all', () => {
    const eve = fakeAttacker({ id: 'eve', sent: [24, 25, 26], sentBytes: 300 });
    const [f] = run({ attackers: [fakeAttacker({ sent: [20, 21, 22, 23], sentBytes: 100 }), eve] });
    expect(f).toMatchObject({ attacker: 'eve', amplification: { value: 1080 / 400, per: 'state bytes' } });
    expect(renderProse(f!.explanation)).toContain('SYN packets 2 attackers (attacker mallory, attacker eve) sent from spoofed sources');
    expect(renderProse(f!.explanation)).toContain(': 2.70 state bytes per byte the attackers sent (400 bytes in all).');
  });

  it('per host, blamed on the attacker of the first SYN that kept state, with up to 16 of them as evidence', () => {
    const many = Array.from({ length: 20 }, (_, i) => fakeSyn({ packetId: 101 + i, atUs: 100 + i, kind: 'tcp', kept: { structure: 'tcp_request_sock', bytes: 312, fixedSlot: false }, endpoint: open() }));
    const eve = fakeAttacker({ id: 'eve', sent: [100, ...many.map((r) => r.packetId)], sentBytes: 1050 });
    const syns = new Map([
      ['client', [fakeSyn({ packetId: 5, atUs: 1, endpoint: open() })]],
      ['other', [fakeSyn({ packetId: 100, atUs: 99, endpoint: open() }), ...many]],
      ['server', serverSyns()],
    ]);
    const found = run({ attackers: [mallory(), eve], syns });
    expect(found.map((f) => [f.attacker, f.timeUs, f.evidence.packets.length, f.amplification!.value])).toEqual([
      ['eve', 99, 16, (384 + 20 * 312) / 1050],
      ['mallory', 1000, 3, 1.8],
    ]);
    expect(found[0]!.evidence.packets.slice(0, 3)).toEqual([100, 101, 102]);
    expect(renderProse(found[0]!.explanation)).toContain('other held half-open state for 21 of the 21 SYN+MP_JOIN and SYN packets attacker eve');
  });
});
