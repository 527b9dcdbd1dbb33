/**
 * MP_FASTCLOSE as each version sends it: v1 on a RST with MP_TCPRST on every
 * subflow (RFC 8684 §3.5, Linux's way); v0 on an ACK on one subflow with
 * plain RSTs on the others, the peer answering with a RST (RFC 6824 §3.5).
 * A TLS record that fails its check aborts the connection, which is what
 * sends it here.
 */
import { describe, expect, it } from 'vitest';
import { fromHex } from '../core/hex.ts';
import { runScenario, type RunResult } from '../runner/run-scenario.ts';
import type { AttackerSpec, Protocol } from '../scenario/types.ts';
import { twoPathScenario } from '../testing/scenarios.ts';
import { decodePacket } from '../wire/packet.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';

const injector: AttackerSpec = { id: 'm', location: 'on-path', capability: 'active', at: ['l1'], attack: 'data-injection', params: {}, guessBudget: 0 };

function aborted(protocol: Protocol): RunResult {
  const s = twoPathScenario(protocol);
  return runScenario({ ...s, mptcp: { ...s.mptcp, mitigations: ['tls'] }, attackers: [injector] });
}

/** Segments carrying MP_FASTCLOSE, as their sender put them on the wire (first hop). */
function fastcloses(r: RunResult) {
  const seen = new Set<number>();
  return r.packets.flatMap((p) => {
    if (seen.has(p.id)) return [];
    seen.add(p.id);
    const d = decodePacket(fromHex(p.hex));
    if (!d.ok || !d.value.tcp) return [];
    const fc = d.value.tcp.header.options.find((o) => o.kind === 'mp-fastclose');
    return fc ? [{ timeUs: p.timeUs, from: p.from, flags: d.value.tcp.header.flags, options: d.value.tcp.header.options.map((o) => o.kind) }] : [];
  });
}

describe('MP_FASTCLOSE', () => {
  it('RFC 8684 §3.5 (v1): on a RST, with MP_TCPRST, on every subflow', () => {
    const r = aborted('mptcp-v1');
    const sent = fastcloses(r);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    for (const p of sent) {
      expect(p.flags & TCP_FLAG.RST).toBeTruthy();
      expect(p.options).toContain('mp-tcprst');
    }
  });

  it('RFC 6824 §3.5 (v0): on an ACK on one subflow; the peer accepts it and answers with a RST', () => {
    const r = aborted('mptcp-v0');
    const sent = fastcloses(r);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.flags & TCP_FLAG.RST).toBe(0);
    expect(sent[0]!.flags & TCP_FLAG.ACK).toBeTruthy();
    expect(r.events.filter((e) => e.kind === 'mptcp-fastclose-accepted')).toHaveLength(1);
    const answer = r.packets.find((p) => {
      if (p.timeUs <= sent[0]!.timeUs || p.from === sent[0]!.from) return false;
      const d = decodePacket(fromHex(p.hex));
      return d.ok && !!d.value.tcp && (d.value.tcp.header.flags & TCP_FLAG.RST) !== 0;
    });
    expect(answer).toBeDefined();
  });
});
