import { describe, expect, it } from 'vitest';
import { CaptureService } from './capture-service.ts';

describe('HMAC checks spelled out', () => {
  it('recomputes a join’s SYN/ACK and third-ACK HMACs from the keys and the nonces of the handshake, and they match the wire', async () => {
    const s = new CaptureService();
    const { timeline } = await s.simulate(1, 'two-path-v1', {}, () => {});
    const join = [...Array(timeline!.count).keys()].filter((i) => timeline!.subflow[i] === 1).slice(0, 8).map((i) => i + 1);
    // Each packet shows on both hops of its path; one check per kind is enough.
    const checks = [...new Map(join.flatMap((f) => s.decisions(1, f).checks).map((c) => [c.what, c])).values()];
    expect(checks.map((c) => c.what)).toEqual(['MP_JOIN SYN/ACK, checked by client (the initiator)', 'MP_JOIN third ACK, checked by server (the responder)']);
    for (const c of checks) {
      expect(c.matches).toBe(true);
      expect(c.expected).toBe(c.received);
    }
    expect(checks[0]!.algorithm).toBe('leftmost 64 bits of HMAC-SHA256');
    expect(checks[1]!.expected).toMatch(/^[0-9a-f]{40}$/);
    // The SYN/ACK is keyed with the responder's key first, the third ACK with the initiator's.
    const keyB = checks[0]!.key.split(' ‖ ')[0]!;
    const keyA = checks[0]!.key.split(' ‖ ')[1]!.split(' ')[0]!;
    expect(checks[1]!.key.startsWith(`${keyA} ‖ ${keyB}`)).toBe(true);
  });

  it('v0 joins use HMAC-SHA1', async () => {
    const s = new CaptureService();
    const { timeline } = await s.simulate(2, 'two-path-v0', {}, () => {});
    const frames = [...Array(timeline!.count).keys()].filter((i) => timeline!.subflow[i] === 1).slice(0, 8).map((i) => i + 1);
    const checks = [...new Map(frames.flatMap((f) => s.decisions(2, f).checks).map((c) => [c.what, c])).values()];
    expect(checks.map((c) => c.algorithm)).toEqual(['leftmost 64 bits of HMAC-SHA1', 'leftmost 160 bits of HMAC-SHA1']);
    expect(checks.every((c) => c.matches)).toBe(true);
  });
});
