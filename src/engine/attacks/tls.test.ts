/**
 * The tls mitigation, as the IETF review of RFC 7430 puts it: application
 * data stays secret and forged bytes are detected (which ends the
 * connection), while what MPTCP itself exposes — its keys — stays exposed.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import type { AttackerSpec, HostMitigation } from '../scenario/types.ts';
import { twoPathScenario } from '../testing/scenarios.ts';
import { decodePacket } from '../wire/packet.ts';
import { applicationRun } from '../host/byte-stream.ts';

const run = (a: AttackerSpec | null, mitigations: HostMitigation[]) => {
  const s = twoPathScenario('mptcp-v1');
  return runScenario({ ...s, mptcp: { ...s.mptcp, mitigations }, attackers: a ? [a] : [] });
};
const spy: AttackerSpec = { id: 'eve', location: 'on-path', capability: 'eavesdropper', at: ['l1'], attack: 'passive-eavesdrop', params: {}, guessBudget: 0 };
const injector: AttackerSpec = { id: 'm', location: 'on-path', capability: 'active', at: ['l1'], attack: 'data-injection', params: {}, guessBudget: 0 };
const ids = (r: RunResult) => r.failures.map((f) => f.id).sort();

describe('tls', () => {
  it('carries every byte intact through its records', () => {
    const r = run(null, ['tls']);
    expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 500_000 }, closedBy: { client: 'fin', server: 'fin' } });
  });

  it('an eavesdropper sees only ciphertext: no eavesdrop-data, but the keys are still read', () => {
    const r = run(spy, ['tls']);
    expect(ids(r)).toEqual(['key-compromise']);
    expect(r.attackers[0]!.knew).not.toContain('plaintext');
    expect(r.attackers[0]!.knowledge.some((f) => f.kind === 'ciphertext')).toBe(true);
  });

  it('injected bytes fail a record integrity check: a TLS alert aborts the connection (connection-dos instead of data-injection)', () => {
    const off = run(injector, []);
    expect(ids(off)).toContain('data-injection');
    const on = run(injector, ['tls']);
    expect(ids(on)).toEqual(['connection-dos', 'key-compromise']);
    const dos = on.failures.find((f) => f.id === 'connection-dos')!;
    expect(on.events[dos.evidence.events[0]!]).toMatchObject({ kind: 'tls-alert', cause: 'bad-record-mac' });
    expect(on.apps[0]!.closedBy.server).toBe('tls-alert');
  });
});

describe('the TLS record layer on the wire', () => {
  /** Every payload byte that crossed any link, packet by packet. */
  const payloads = (r: ReturnType<typeof run>) =>
    r.handle.records.map((p) => {
      const d = decodePacket(p.bytes!);
      return d.ok ? p.bytes!.subarray(d.value.payloadOffset, d.value.payloadOffset + d.value.payloadLength) : new Uint8Array(0);
    });

  it('never puts the plaintext on the wire: no payload holds 16 bytes of what the application wrote', () => {
    const clear = payloads(run(null, []));
    const sealed = payloads(run(null, ['tls']));
    expect(clear.filter((p) => applicationRun(p) !== null).length).toBeGreaterThan(300);
    expect(sealed.filter((p) => p.length > 0).length).toBeGreaterThan(300);
    expect(sealed.filter((p) => applicationRun(p) !== null)).toEqual([]);
    // What does cross is TLS's framing: application_data records of version 3.3.
    expect(sealed.some((p) => p[0] === 23 && p[1] === 3 && p[2] === 3)).toBe(true);
  });

  it('an eavesdropper on the same run captures only what is on the wire, so eavesdrop-data follows the bytes, not a setting', () => {
    const on = run(spy, ['tls']);
    expect(on.attackers[0]!.knowledge.some((f) => f.kind === 'ciphertext')).toBe(true);
    expect(ids(on)).not.toContain('eavesdrop-data');
    expect(ids(run(spy, []))).toContain('eavesdrop-data');
  });
});
