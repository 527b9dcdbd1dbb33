import { describe, expect, it } from 'vitest';
import type { ConnectionTruth, SubflowTruth } from './monitor.ts';
import { appBytes, fakeAttacker, fakeConnection, fakeSubflow, fakeTruth, type TruthInit } from '../testing/truth-builder.ts';
import { mitm } from './mitm.ts';
import { renderProse } from './prose.ts';

const OWN = '203.0.113.66';
const K_CLIENT = 0x1111n;
const K_SERVER = 0x2222n;
/** What the server wrote to its connection. */
const STREAM = appBytes(100);
const mallory = () => fakeAttacker({ address: OWN, sent: [77] });

/** A subflow of the client's to `remote` over which its connection accepted `sample` at `dsn` (the server's IDSN is 2000). */
function relayed(o: { remote?: string; dsn?: bigint | null; sample?: Uint8Array; packetId?: number | null; atUs?: number; first?: null } = {}): SubflowTruth {
  const first = o.first === null ? null : { dsn: o.dsn === undefined ? 2011n : o.dsn, sample: o.sample ?? STREAM.slice(10, 26), packetId: o.packetId === undefined ? 77 : o.packetId, atUs: o.atUs ?? 400_000 };
  return fakeSubflow({ kind: 'join', local: '198.18.1.1:40001', remote: o.remote ?? `${OWN}:8080`, joinedAtUs: 300_000, accepted: { bytes: 4000, first } });
}

const client = (subflows: SubflowTruth[], over: Partial<ConnectionTruth> = {}) =>
  fakeConnection({ host: 'client', localKey: K_CLIENT, remoteKey: K_SERVER, remoteIdsn: 2000n, subflows: [fakeSubflow(), ...subflows], ...over });
const server = (over: Parameters<typeof fakeConnection>[0] = {}) => fakeConnection({ host: 'server', role: 'server', localKey: K_SERVER, remoteKey: K_CLIENT, stream: STREAM, ...over });

const run = (o: TruthInit) => mitm.evaluate(fakeTruth(o));
const EXPLANATION = `client took 4000 bytes of its connection's data over the subflow 198.18.1.1:40001 ↔ ${OWN}:8080, the first in packet #77, and they are what server wrote: server's traffic reached it through ${OWN}:8080, the own address of attacker mallory (on-path active at r1), a place no path went through when the connection opened. The attacker sees, and could change, everything on that subflow.`;

describe('mitm', () => {
  it('holds when a host took, over a subflow to the attacker’s own address, the bytes its peer wrote there', () => {
    const [f, ...rest] = run({ attackers: [mallory()], connections: [client([relayed()]), server()] });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ failure: 'mitm', timeUs: 400_000, attacker: 'mallory', evidence: { packets: [77], events: [] } });
    expect(f!.amplification).toBeUndefined();
    expect(renderProse(f!.explanation)).toBe(EXPLANATION);
  });

  it('finds the peer by its keys, on another host', () => {
    // Decoys first, each writing the same bytes: the client's own other end, and ends with one key right.
    const decoys = [
      server({ host: 'client' }),
      server({ host: 'decoy-a', remoteKey: 0x9999n }),
      server({ host: 'decoy-b', localKey: 0x9999n }),
    ];
    const [f] = run({ attackers: [mallory()], connections: [...decoys, client([relayed()]), server()] });
    expect(renderProse(f!.explanation)).toBe(EXPLANATION);
    expect(run({ attackers: [mallory()], connections: [...decoys, client([relayed()])] })).toEqual([]);
  });

  it('does not hold when the bytes are not what the peer wrote there (the attacker’s own data: a hijacker, not a relay)', () => {
    const wrong = STREAM.slice(10, 26);
    wrong[15] = wrong[15]! ^ 1;
    expect(run({ attackers: [mallory()], connections: [client([relayed({ sample: wrong })]), server()] })).toEqual([]);
    // The right bytes at another place in the stream.
    expect(run({ attackers: [mallory()], connections: [client([relayed({ dsn: 2012n })]), server()] })).toEqual([]);
    // Further than the peer ever wrote.
    expect(run({ attackers: [mallory()], connections: [client([relayed({ dsn: 2095n })]), server()] })).toEqual([]);
    // A peer whose record of it is shorter than what was taken.
    const short = server({ wrote: (offset, length) => STREAM.slice(offset, offset + length - 1) });
    expect(run({ attackers: [mallory()], connections: [client([relayed()]), short] })).toEqual([]);
  });

  it('does not hold without data taken, a data sequence number to place it, or the peer’s IDSN', () => {
    expect(run({ attackers: [mallory()], connections: [client([relayed({ first: null })]), server()] })).toEqual([]);
    expect(run({ attackers: [mallory()], connections: [client([relayed({ dsn: null })]), server()] })).toEqual([]);
    expect(run({ attackers: [mallory()], connections: [client([relayed()], { remoteIdsn: null }), server()] })).toEqual([]);
  });

  it('does not hold for a subflow elsewhere, or an attacker with no address of its own', () => {
    expect(run({ attackers: [mallory()], connections: [client([relayed({ remote: '198.18.2.2:8080' })]), server()] })).toEqual([]);
    expect(run({ attackers: [fakeAttacker({ sent: [77] })], connections: [client([relayed()]), server()] })).toEqual([]);
  });

  it('without the packet the data came in: no packet in evidence and none named', () => {
    const [f] = run({ attackers: [mallory()], connections: [client([relayed({ packetId: null })]), server()] });
    expect(f!.evidence).toEqual({ packets: [], events: [] });
    expect(renderProse(f!.explanation)).toBe(EXPLANATION.replace(', the first in packet #77', ''));
  });

  it('one finding per attacker: the first subflow in time, with every subflow’s packet', () => {
    const later = relayed({ packetId: 88, atUs: 500_000, dsn: 2031n, sample: STREAM.slice(30, 40) });
    const eve = fakeAttacker({ id: 'eve', address: '203.0.113.99' });
    const nobody = fakeAttacker({ id: 'nobody', address: '203.0.113.100' });
    const found = run({ attackers: [nobody, mallory(), eve], connections: [client([later, relayed(), relayed({ remote: '203.0.113.99:8080', packetId: 99, atUs: 450_000 })]), server()] });
    expect(found.map((f) => [f.attacker, f.timeUs, f.evidence.packets])).toEqual([
      ['mallory', 400_000, [77, 88]],
      ['eve', 450_000, [99]],
    ]);
    expect(renderProse(found[0]!.explanation)).toBe(EXPLANATION);
  });
});
