/**
 * A blind attack is not "nothing happened" by construction: given prior
 * knowledge that makes its search space small (read off an attacker-free
 * run of the same scenario, as if learned some other way), the same
 * off-path attacker gets through the hosts' checks and the monitors report
 * what it achieved.
 */
import { describe, expect, it } from 'vitest';
import { deriveFromKey } from '../crypto/mptcp-crypto.ts';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import type { AttackerSpec, Scenario } from '../scenario/types.ts';
import { firstHandshake } from '../testing/handshake.ts';
import { routedTwoPathScenario, singlePathScenario } from '../testing/scenarios.ts';
import { fromHex } from '../core/hex.ts';
import { decodePacket } from '../wire/packet.ts';

const WINDOW = 6 * 1024 * 1024;
const u32 = (x: number) => x >>> 0;
const ids = (r: RunResult) => r.failures.map((f) => f.id);
const guessed = (r: RunResult) => new Set(r.attackers[0]!.guessed);

/**
 * MPTCP v1 with DSS checksums negotiated, against an injector that knows the
 * port, sequence and ACK numbers (from the first exchange) and all 64 bits of
 * the DSN at SSN 301; `checksums` is whether it believes they are in use.
 */
function injectAtKnownDsn(checksums: boolean): RunResult {
  const base = requestResponse('mptcp-v1');
  const s = { ...base, mptcp: { ...base.mptcp, checksums: true } };
  const { free, prior } = priorAfterFirstExchange(s);
  const clientKey = BigInt(`0x${free.connections.find((c) => c.role === 'client')!.localKey}`);
  const dsn = (deriveFromKey(1, clientKey).idsn + 301n).toString();
  return runScenario({ ...s, attackers: [injector({ ...prior, ssn: { from: 301, to: 301 }, dsn: { from: dsn, to: dsn }, checksums })] });
}

describe('an off-path v0 ADD_ADDR hijack that knows the client port and narrow sequence and ACK ranges', () => {
  const s = routedTwoPathScenario('mptcp-v0');
  const h = firstHandshake(runScenario(s));
  // The client's RCV.NXT stays just past the server's SYN (an upload); its SND.UNA is somewhere in the upload.
  const rcvNxt = u32(h.serverIss + 1);
  const mallory: AttackerSpec = {
    id: 'mallory',
    location: 'off-path',
    capability: 'active',
    at: ['r1'],
    attack: 'add-addr-hijack',
    params: {},
    guessBudget: 1000,
    address: '198.18.66.6',
    prior: {
      clientAddress: '198.18.1.1',
      clientPort: h.clientPort,
      seq: { from: u32(rcvNxt - 20_000_000), to: u32(rcvNxt + 1000) },
      ack: { from: u32(h.clientIss + 1 - 7_000_000), to: u32(h.clientIss + 500_001) },
    },
  };
  const r = runScenario({ ...s, attackers: [mallory] });

  it('searches 4 windows × 2 ACK spacings, and one of the 8 guesses passes every check of the client', () => {
    const a = r.attackers[0]!;
    expect(a.expectedGuesses).toMatchObject({ guesses: 4.5, successWithinBudget: 1 });
    expect(a.guessesUsed).toBe(8);
    const accepted = r.events.filter((e) => e.kind === 'mptcp-add-addr-received' && e.address === '198.18.66.6');
    expect(accepted).toHaveLength(1);
    expect(guessed(r).has(accepted[0]!.packets![0]!)).toBe(true);
  });

  it('ends with the client joined to the attacker address, relayed to the server: hijack and mitm', () => {
    expect(r.events.some((e) => e.kind === 'mptcp-join-open' && e.remote.startsWith('198.18.66.6:'))).toBe(true);
    expect(ids(r)).toEqual(expect.arrayContaining(['hijack', 'mitm']));
    expect(r.failures.find((f) => f.id === 'hijack')!.mptcpSpecific).toBe(true);
  });
});

/** Request/response on one path: between exchanges both ends' numbers stand still, so a prior read off the attacker-free run is still true when the guesses arrive. */
function requestResponse(protocol: Scenario['protocol']): Scenario {
  return { ...singlePathScenario({ protocol }), traffic: [{ id: 'rr', kind: 'request-response', from: 'client', to: 'server', port: 8080, requestBytes: 300, responseBytes: 2000, count: 3, intervalUs: 500_000, startUs: 0 }] };
}

/** What the server expects at 200 ms, after the first exchange: prior knowledge of port, sequence and ACK ranges (three windows of sequence numbers). */
function priorAfterFirstExchange(s: Scenario) {
  const free = runScenario(s);
  const h = firstHandshake(free);
  const rcvNxt = u32(h.clientIss + 1 + 300);
  return {
    free,
    rcvNxt,
    prior: { clientPort: h.clientPort, seq: { from: u32(rcvNxt - 2 * WINDOW), to: rcvNxt }, ack: { from: u32(h.serverIss + 1), to: u32(h.serverIss + 2001) } },
  };
}

const injector = (prior: AttackerSpec['prior']): AttackerSpec => ({
  id: 'mallory',
  location: 'off-path',
  capability: 'active',
  at: ['r1'],
  attack: 'data-injection',
  params: { atUs: 200_000 },
  guessBudget: 1000,
  ...(prior ? { prior } : {}),
});

describe('an off-path data injection that knows the port and narrow ranges', () => {
  it('plain TCP: three guesses, one at exactly RCV.NXT, and the server application reads the forged bytes', () => {
    const s = requestResponse('tcp');
    const { prior } = priorAfterFirstExchange(s);
    const r = runScenario({ ...s, attackers: [injector(prior)] });
    expect(r.attackers[0]!.guessesUsed).toBe(3);
    expect(r.attackers[0]!.expectedGuesses).toMatchObject({ guesses: 2, successWithinBudget: 1 });
    const f = r.failures.find((x) => x.id === 'data-injection')!;
    expect(f.mptcpSpecific).toBe(false);
    expect(f.evidence.packets.some((p) => guessed(r).has(p))).toBe(true);
    // The other two fell outside the window.
    expect(r.events.filter((e) => e.kind === 'tcp-drop' && e.cause === 'out-of-window' && e.packets?.some((p) => guessed(r).has(p)))).toHaveLength(2);
  });

  it('MPTCP v1, also knowing the mapping (the subflow sequence number and the DSN it expects): its 32-bit DSN mapping is taken', () => {
    const s = requestResponse('mptcp-v1');
    const { free, prior } = priorAfterFirstExchange(s);
    const clientKey = BigInt(`0x${free.connections.find((c) => c.role === 'client')!.localKey}`);
    // The first data byte is IDSN + 1 (RFC 8684 §3.3.1); one request went before.
    const dsn = (deriveFromKey(1, clientKey).idsn + 1n + 300n).toString();
    const r = runScenario({ ...s, attackers: [injector({ ...prior, ssn: { from: 301, to: 301 }, dsn: { from: dsn, to: dsn } })] });
    expect(r.attackers[0]!.guessesUsed).toBe(3);
    expect(r.attackers[0]!.expectedGuesses!.formula).toContain('1 data sequence number');
    expect(ids(r)).toContain('data-injection');
    expect(r.apps[0]!.intact).toBe(false);
  });

  it('MPTCP v1 with DSS checksums: knowing all 64 bits of the DSN, it computes the checksum, and the server checks it and takes the bytes', () => {
    const r = injectAtKnownDsn(true);
    expect(r.connections.every((c) => c.checksums)).toBe(true);
    // Its mappings carry a checksum (RFC 8684 §3.3.1 has a receiver reset a subflow whose mapping lacks one), which the server verified.
    const mine = r.packets.filter((p) => guessed(r).has(p.id)).map((p) => decodePacket(fromHex(p.hex)));
    expect(mine).toHaveLength(3);
    for (const d of mine) expect(d.ok && d.value.tcp!.header.options.find((o) => o.kind === 'dss')).toMatchObject({ dsn64: false, mapping: { ssn: 301, checksum: expect.any(Number) } });
    expect(ids(r)).toContain('data-injection');
    // The forged mapping verified; what fails is the client's real 300-byte request at the same SSN, whose first bytes the forgery took:
    // Linux sums it from the first unread byte (validate_data_csum), so MP_FAIL and an infinite mapping end MPTCP (RFC 8684 §3.7).
    expect(r.events.filter((e) => e.kind === 'mptcp-checksum-failed').map((e) => [e.host, e.bytes])).toEqual([['server', 300]]);
    expect(r.events.filter((e) => e.kind === 'mptcp-fallback').map((e) => e.cause)).toEqual(['mp-fail-answered', 'infinite-mapping-received']);
  });

  it('the same attacker without the prior searches the whole space and gets nothing', () => {
    const r = runScenario({ ...requestResponse('tcp'), attackers: [injector(undefined)] });
    expect(r.attackers[0]!.guessesUsed).toBe(1000);
    expect(ids(r)).not.toContain('data-injection');
  });
});

describe('a mapping without the negotiated checksum (RFC 8684 §3.3)', () => {
  it('resets the subflow: an injector that believes no checksums are in use gets its guesses thrown out with the subflow', () => {
    const r = injectAtKnownDsn(false);
    expect(ids(r)).not.toContain('data-injection');
    expect(r.events.some((e) => e.kind === 'mptcp-subflow-reset' && e.cause === 'checksum-not-as-negotiated' && e.packets?.some((p) => guessed(r).has(p)))).toBe(true);
  });
});
