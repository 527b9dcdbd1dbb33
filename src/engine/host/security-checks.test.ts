/**
 * The hosts' security checks: each predicate at its edges, then each one
 * switched off in a run, to show that a verdict rests on it — with the
 * check, the attack fails; without it, the failure appears (or a host
 * decision flips where another check backs it up).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as checks from './security-checks.ts';
import type * as EngineModule from '../index.ts';
import { firstHandshake } from '../testing/handshake.ts';
import { singlePathScenario } from '../testing/scenarios.ts';

describe('the checks at their edges', () => {
  it('sequence window (RFC 9293 §3.10.7.4), including the wrap at 2^32', () => {
    expect(checks.sequenceInWindow(100, 0, 100, 10)).toBe(true);
    expect(checks.sequenceInWindow(109, 0, 100, 10)).toBe(true);
    expect(checks.sequenceInWindow(110, 0, 100, 10)).toBe(false);
    expect(checks.sequenceInWindow(99, 0, 100, 10)).toBe(false);
    expect(checks.sequenceInWindow(100, 0, 100, 0)).toBe(true);
    expect(checks.sequenceInWindow(101, 0, 100, 0)).toBe(false);
    expect(checks.sequenceInWindow(95, 10, 100, 10)).toBe(true); // its tail is in
    expect(checks.sequenceInWindow(90, 10, 100, 10)).toBe(false); // ends just before
    expect(checks.sequenceInWindow(100, 5, 100, 0)).toBe(false);
    expect(checks.sequenceInWindow(100, 20, 100, 10)).toBe(true); // starts at RCV.NXT, runs past the window
    expect(checks.sequenceInWindow(110, 5, 100, 10)).toBe(false); // starts just after
    expect(checks.sequenceInWindow(91, 10, 100, 10)).toBe(true); // its last byte is RCV.NXT
    // Neither its first nor its last byte inside, as RFC 9293 words the test: a segment spanning the whole window is not acceptable.
    expect(checks.sequenceInWindow(95, 16, 100, 10)).toBe(false);
    expect(checks.sequenceInWindow(0xfffffff0, 0, 0xffffffe0, 0x100)).toBe(true);
    expect(checks.sequenceInWindow(5, 0, 0xfffffff0, 0x20)).toBe(true);
  });

  it('RST only at exactly RCV.NXT (RFC 5961 §3.2)', () => {
    expect(checks.rstAtRcvNxt(100, 100)).toBe(true);
    expect(checks.rstAtRcvNxt(101, 100)).toBe(false);
  });

  it('ACKs: of sent data only, and not older than SND.UNA − MAX.SND.WND (RFC 5961 §5.2)', () => {
    expect(checks.ackOfSentData(100, 100)).toBe(true);
    expect(checks.ackOfSentData(101, 100)).toBe(false);
    expect(checks.ackRecentEnough(900, 1000, 100)).toBe(true);
    expect(checks.ackRecentEnough(899, 1000, 100)).toBe(false);
    // A window never seen counts as 1: only SND.UNA − 1 and later pass.
    expect(checks.ackRecentEnough(999, 1000, 0)).toBe(true);
    expect(checks.ackRecentEnough(998, 1000, 0)).toBe(false);
  });

  it('PAWS (RFC 7323 §5.3): a TSval passes unless older than TS.Recent, in 32-bit wrapping arithmetic', () => {
    expect(checks.timestampNotOlder(100, 100)).toBe(true);
    expect(checks.timestampNotOlder(101, 100)).toBe(true);
    expect(checks.timestampNotOlder(99, 100)).toBe(false);
    expect(checks.timestampNotOlder(5, 0xfffffff0)).toBe(true);
    expect(checks.timestampNotOlder(0xfffffff0, 5)).toBe(false);
  });

  it('a token names a live connection only (RFC 8684 §3.2)', () => {
    const open = { state: 'open' };
    const closed = { state: 'closed' };
    const table = (m: Map<number, { state: string }>) => ({ get: (t: number) => m.get(t), all: () => m.values() });
    expect(checks.connectionForToken(table(new Map([[7, open]])), 7)).toBe(open);
    expect(checks.connectionForToken(table(new Map([[7, open]])), 8)).toBeUndefined();
    expect(checks.connectionForToken(table(new Map([[7, closed]])), 7)).toBeUndefined();
  });

  it('half-open limit (RFC 7430 §4.1): reached at the limit, never without one', () => {
    expect(checks.halfOpenLimitReached(2, 3)).toBe(false);
    expect(checks.halfOpenLimitReached(3, 3)).toBe(true);
    expect(checks.halfOpenLimitReached(0, 0)).toBe(true);
    expect(checks.halfOpenLimitReached(1000, null)).toBe(false);
  });

  it('DSS checksums: present exactly when negotiated (RFC 8684 §3.3)', () => {
    expect(checks.mappingChecksumAsNegotiated(true, true)).toBe(true);
    expect(checks.mappingChecksumAsNegotiated(false, false)).toBe(true);
    expect(checks.mappingChecksumAsNegotiated(true, false)).toBe(false);
    expect(checks.mappingChecksumAsNegotiated(false, true)).toBe(false);
  });

  it('HMACs, keys and record tags match only when equal, byte for byte', () => {
    expect(checks.synAckHmacValid(5n, 5n)).toBe(true);
    expect(checks.synAckHmacValid(5n, 4n)).toBe(false);
    expect(checks.addAddrHmacValid(9n, 9n)).toBe(true);
    expect(checks.addAddrHmacValid(9n, 8n)).toBe(false);
    expect(checks.fastcloseKeyValid(3n, 3n)).toBe(true);
    expect(checks.fastcloseKeyValid(3n, 2n)).toBe(false);
    const a = Uint8Array.of(1, 2, 3);
    expect(checks.thirdAckHmacValid(a, Uint8Array.of(1, 2, 3))).toBe(true);
    expect(checks.thirdAckHmacValid(a, Uint8Array.of(1, 2, 4))).toBe(false);
    expect(checks.thirdAckHmacValid(a, Uint8Array.of(1, 2))).toBe(false);
    expect(checks.recordTagValid(a, Uint8Array.of(1, 2, 3))).toBe(true);
    expect(checks.recordTagValid(a, Uint8Array.of(0, 2, 3))).toBe(false);
    expect(checks.recordTagValid(a, Uint8Array.of(1, 2, 3, 4))).toBe(false);
  });
});

type Checks = typeof checks;
type Engine = typeof EngineModule;

/** The engine with one check replaced (fresh modules, so nothing else sees the change). */
async function engineWith(replace: Partial<Checks>): Promise<Engine> {
  vi.resetModules();
  vi.doMock('./security-checks.ts', async (original) => ({ ...(await original<Checks>()), ...replace }));
  return import('../index.ts');
}

async function cleanEngine(): Promise<Engine> {
  vi.resetModules();
  vi.doUnmock('./security-checks.ts');
  return import('../index.ts');
}

afterEach(() => {
  vi.doUnmock('./security-checks.ts');
  vi.resetModules();
});

/** A matrix row's failures, run by `engine`. */
function row(engine: Engine, pick: (c: ReturnType<Engine['planMatrix']>[number]) => boolean, o: Parameters<Engine['planMatrix']>[0]): string[] {
  const cell = engine.planMatrix(o).find(pick);
  if (!cell) throw new Error('no such matrix row');
  return engine.runMatrixCell(cell, engine.newBaselineCache(), () => 0).failures;
}

describe('each check switched off, a verdict flips', () => {
  it('ADD_ADDR HMAC: v1 accepting any HMAC lets an attacker that never read the keys (it arrived after the handshake) hijack the connection', async () => {
    const run = (e: Engine) => {
      const s = e.builtinScenario('attack-add-addr-hijack')!;
      // It arrives after the handshake, so it must guess the HMAC: one guess.
      const a = { ...s.attackers[0]!, location: 'partial-time-on-path' as const, window: { fromUs: 60_000, toUs: 600_000 }, guessBudget: 1, params: { ...s.attackers[0]!.params, atUs: 80_000 } };
      return e.runScenario({ ...s, attackers: [a] }).failures.map((f) => f.id);
    };
    expect(run(await cleanEngine())).not.toContain('hijack');
    expect(run(await engineWith({ addAddrHmacValid: () => true }))).toContain('hijack');
  });

  it('half-open limit: without it the flood no longer keeps the legitimate join out, and the server holds the flood’s state instead', async () => {
    const pick = (c: { location: string; capability: string; mitigations: string[] }) => c.location === 'on-path' && c.capability === 'active' && c.mitigations.includes('half-open-limit') && c.mitigations.length === 2;
    const o = { attacks: ['join-dos' as const], protocols: ['v1' as const], mitigations: ['half-open-limit' as const] };
    const on = row(await cleanEngine(), pick, o);
    expect(on).toContain('join-dos');
    const off = row(await engineWith({ halfOpenLimitReached: () => false }), pick, o);
    expect(off).not.toContain('join-dos');
    expect(off).toContain('resource-exhaustion');
  });

  it('token lookup: a server that takes any token for its connection lets an off-path flood of guessed tokens fill its half-open slots', async () => {
    const run = (e: Engine) => {
      const s = e.builtinScenario('attack-join-dos')!;
      // Off-path, flooding just after the connection is fully established, before the client's join arrives.
      const established = e.runScenario({ ...s, attackers: [] }).events.find((x) => x.kind === 'mptcp-fully-established')!.timeUs;
      const a = { ...s.attackers[0]!, location: 'off-path' as const, at: ['r1'], guessBudget: 1000, params: { ...s.attackers[0]!.params, atUs: established + 1 } };
      return e.runScenario({ ...s, attackers: [a] }).failures.map((f) => f.id);
    };
    expect(run(await cleanEngine())).not.toContain('join-dos');
    const anyToken: Checks['connectionForToken'] = (table) => [...table.all()].find((c) => c.state !== 'closed');
    expect(run(await engineWith({ connectionForToken: anyToken }))).toContain('join-dos');
  });

  it('TLS record tag: a record layer that takes any tag hands the forged bytes to the application (data-injection instead of a TLS alert)', async () => {
    const run = (e: Engine) => {
      const s = e.builtinScenario('attack-data-injection')!;
      return e.runScenario({ ...s, mptcp: { ...s.mptcp, mitigations: ['tls'] } }).failures.map((f) => f.id);
    };
    const on = run(await cleanEngine());
    expect(on).toContain('connection-dos');
    expect(on).not.toContain('data-injection');
    expect(run(await engineWith({ recordTagValid: () => true }))).toContain('data-injection');
  });

  it('third-ACK HMAC: with dh-keys the keys an eavesdropper reads are not the keys, so its join fails — unless the server takes any HMAC', async () => {
    const pick = (c: { location: string; capability: string; mitigations: string[] }) => c.location === 'on-path' && c.capability === 'active' && c.mitigations.includes('dh-keys') && c.mitigations.length === 2;
    const o = { attacks: ['handshake-eavesdrop-hijack' as const], protocols: ['v1' as const], mitigations: ['dh-keys' as const] };
    expect(row(await cleanEngine(), pick, o)).not.toContain('hijack');
    expect(row(await engineWith({ thirdAckHmacValid: () => true }), pick, o)).toContain('hijack');
  });
});

describe('each TCP check switched off, the endpoint acts on what it refused (RFC 5961)', () => {
  const PEER = 5000;
  const SYNACK = [{ kind: 'mss' as const, mss: 1460 }, { kind: 'sack-permitted' as const }, { kind: 'timestamps' as const, tsval: 1, tsecr: 0 }, { kind: 'nop' as const }, { kind: 'window-scale' as const, shift: 7 }];
  /** An endpoint of `engineTcp` after an active open, with its own checks. */
  async function established(replace: Partial<Checks>) {
    vi.resetModules();
    vi.doMock('./security-checks.ts', async (original) => ({ ...(await original<Checks>()), ...replace }));
    const { TcpHarness } = await import('../testing/tcp-harness.ts');
    const { TCP_FLAG } = await import('../wire/tcp-header.ts');
    const t = new TcpHarness();
    t.ep.connect(0);
    t.sent();
    t.deliver({ seq: PEER, ack: 1001, flags: TCP_FLAG.SYN | TCP_FLAG.ACK, options: SYNACK }, 10_000);
    t.sent();
    return { t, F: TCP_FLAG };
  }

  it('RST exactness: an in-window RST that misses RCV.NXT resets the connection', async () => {
    const on = await established({});
    expect(on.t.deliver({ seq: PEER + 1 + 100, flags: on.F.RST })).toBe(false);
    expect(on.t.ep.state).toBe('ESTABLISHED');
    const off = await established({ rstAtRcvNxt: () => true });
    expect(off.t.deliver({ seq: PEER + 1 + 100, flags: off.F.RST })).toBe(true);
    expect(off.t.ep.state).toBe('CLOSED');
  });

  it('sequence window: data far outside the window is taken in instead of dropped', async () => {
    const payload = Uint8Array.of(1, 2, 3);
    const on = await established({});
    expect(on.t.deliver({ seq: PEER + 1 + 2 ** 30, ack: 1001, flags: on.F.ACK, payload })).toBe(false);
    expect(on.t.events.some((e) => e.kind === 'tcp-drop' && e.cause === 'out-of-window')).toBe(true);
    const off = await established({ sequenceInWindow: () => true });
    expect(off.t.deliver({ seq: PEER + 1 + 2 ** 30, ack: 1001, flags: off.F.ACK, payload })).toBe(true);
  });

  it('ACK age: data carrying an ACK from long ago is taken in instead of earning a challenge ACK', async () => {
    const payload = Uint8Array.of(1, 2, 3);
    const on = await established({});
    expect(on.t.deliver({ seq: PEER + 1, ack: 1001 - 2 ** 20, flags: on.F.ACK, payload })).toBe(false);
    expect(on.t.events.some((e) => e.kind === 'tcp-challenge-ack')).toBe(true);
    const off = await established({ ackRecentEnough: () => true });
    expect(off.t.deliver({ seq: PEER + 1, ack: 1001 - 2 ** 20, flags: off.F.ACK, payload })).toBe(true);
    expect(off.t.ep.rcvNxt).toBe(PEER + 1 + 3);
  });

  it('PAWS: data with a TSval older than TS.Recent is taken in instead of dropped', async () => {
    const ts = (tsval: number) => [{ kind: 'nop' as const }, { kind: 'nop' as const }, { kind: 'timestamps' as const, tsval, tsecr: 1 }];
    const old = (F: { ACK: number }) => ({ seq: PEER + 1, ack: 1001, flags: F.ACK, options: ts(0), payload: Uint8Array.of(1) });
    const on = await established({});
    expect(on.t.deliver(old(on.F))).toBe(false);
    expect(on.t.events.some((e) => e.kind === 'tcp-drop' && e.cause === 'paws')).toBe(true);
    const off = await established({ timestampNotOlder: () => true });
    expect(off.t.deliver(old(off.F))).toBe(true);
  });

  it('ACK of unsent data: a segment acknowledging the future is taken in', async () => {
    const payload = Uint8Array.of(1, 2, 3);
    const on = await established({});
    expect(on.t.deliver({ seq: PEER + 1, ack: 1001 + 5000, flags: on.F.ACK, payload })).toBe(false);
    const off = await established({ ackOfSentData: () => true });
    expect(off.t.deliver({ seq: PEER + 1, ack: 1001 + 5000, flags: off.F.ACK, payload })).toBe(true);
  });
});

describe('the DSS checksum presence check switched off', () => {
  it('a blind forger that leaves out the negotiated checksum gets its bytes into the stream', async () => {
    const run = (e: Engine) => {
      const base = singlePathScenario({ protocol: 'mptcp-v1' });
      const s = { ...base, mptcp: { ...base.mptcp, checksums: true }, traffic: [{ id: 'rr', kind: 'request-response' as const, from: 'client', to: 'server', port: 8080, requestBytes: 300, responseBytes: 2000, count: 3, intervalUs: 500_000, startUs: 0 }] };
      // What the server expects after the first request, read off the attacker-free run: the prior of an off-path forger.
      const free = e.runScenario(s);
      const h = firstHandshake(free);
      const rcvNxt = (h.clientIss + 1 + 300) >>> 0;
      const clientKey = BigInt(`0x${free.connections.find((c) => c.role === 'client')!.localKey}`);
      const dsn = (e.idsnFromKey(1, clientKey) + 301n).toString();
      const prior = { clientPort: h.clientPort, seq: { from: (rcvNxt - 2 * 6 * 1024 * 1024) >>> 0, to: rcvNxt }, ack: { from: (h.serverIss + 1) >>> 0, to: (h.serverIss + 2001) >>> 0 }, ssn: { from: 301, to: 301 }, dsn: { from: dsn, to: dsn }, checksums: false };
      const a = { id: 'mallory', location: 'off-path' as const, capability: 'active' as const, at: ['r1'], attack: 'data-injection' as const, params: { atUs: 200_000 }, guessBudget: 1000, prior };
      return e.runScenario({ ...s, attackers: [a] }).failures.map((f) => f.id);
    };
    expect(run(await cleanEngine())).not.toContain('data-injection');
    expect(run(await engineWith({ mappingChecksumAsNegotiated: () => true }))).toContain('data-injection');
  });
});

describe('checks another one backs up', () => {
  it('MP_FASTCLOSE key: with dh-keys an on-path attacker reads shares, not keys; a host that takes any key is torn down', async () => {
    const run = (e: Engine) => {
      const s = e.builtinScenario('attack-blind-reset')!;
      const a = { ...s.attackers[0]!, location: 'on-path' as const, capability: 'active' as const, params: { ...s.attackers[0]!.params, method: 'mp-fastclose' } };
      const r = e.runScenario({ ...s, protocol: 'mptcp-v1', mptcp: { ...s.mptcp, mitigations: ['dh-keys'] }, attackers: [a] });
      return { ids: r.failures.map((f) => f.id), ignored: r.events.filter((x) => x.kind === 'mptcp-fastclose-ignored').length };
    };
    const on = run(await cleanEngine());
    expect(on.ignored).toBeGreaterThan(0);
    expect(on.ids).not.toContain('connection-dos');
    expect(run(await engineWith({ fastcloseKeyValid: () => true })).ids).toContain('connection-dos');
  });

  it('SYN/ACK HMAC: with address-bound HMACs the client refuses a redirected join’s SYN/ACK; without that check the server’s own third-ACK check still refuses it, so the verdict (join-dos) stands and only the deciding host changes', async () => {
    const run = (e: Engine) => {
      const s = e.builtinScenario('attack-syn-join-redirect')!;
      const r = e.runScenario({ ...s, mptcp: { ...s.mptcp, mitigations: ['address-bound-join-hmac'] } });
      const resets = r.events.flatMap((x) => (x.kind === 'mptcp-subflow-reset' ? [`${x.host}:${x.cause}`] : []));
      return { ids: r.failures.map((f) => f.id), resets };
    };
    const on = run(await cleanEngine());
    expect(on.resets).toContain('client:synack-hmac-mismatch');
    const off = run(await engineWith({ synAckHmacValid: () => true }));
    expect(off.resets).not.toContain('client:synack-hmac-mismatch');
    expect(off.resets).toContain('server:third-ack-hmac-mismatch');
    expect(off.ids).toContain('join-dos');
    expect(off.ids).not.toContain('hijack');
  });
});
