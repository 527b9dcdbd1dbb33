import { describe, expect, it } from 'vitest';
import { fakeEndpoint, fakeSyn } from '../testing/truth-builder.ts';
import { HALF_OPEN_BYTES, heldUntilUs, stateHeld, wasAnswered } from './syn-ledger.ts';

const tcp = { structure: 'tcp_request_sock' as const, bytes: 312, fixedSlot: false };
const slot = { structure: 'join_entry' as const, bytes: 16, fixedSlot: true };

describe('the SYN ledger', () => {
  it('sizes Linux\'s half-open structures', () => {
    expect(HALF_OPEN_BYTES).toEqual({ tcp_request_sock: 312, mptcp_subflow_request_sock: 384, join_entry: 16 });
  });

  it('holds state until the handshake completes or fails, or the run ends; nothing for a cookie or a fixed slot', () => {
    expect(heldUntilUs(fakeSyn({ packetId: 1, atUs: 100, kept: null, endpoint: fakeEndpoint({ establishedAtUs: 500 }) }), 1000)).toBe(100);
    expect(heldUntilUs(fakeSyn({ packetId: 1, atUs: 100, kept: slot, endpoint: fakeEndpoint({ establishedAtUs: 500 }) }), 1000)).toBe(100);
    expect(heldUntilUs(fakeSyn({ packetId: 1, atUs: 100, endpoint: null }), 1000)).toBe(100);
    expect(heldUntilUs(fakeSyn({ packetId: 1, atUs: 100, endpoint: fakeEndpoint() }), 1000)).toBe(1000);
    expect(heldUntilUs(fakeSyn({ packetId: 1, atUs: 100, endpoint: fakeEndpoint({ establishedAtUs: 500, closedAtUs: 700 }) }), 1000)).toBe(500);
    expect(heldUntilUs(fakeSyn({ packetId: 1, atUs: 100, endpoint: fakeEndpoint({ establishedAtUs: 800, closedAtUs: 700 }) }), 1000)).toBe(700);
    expect(heldUntilUs(fakeSyn({ packetId: 1, atUs: 100, endpoint: fakeEndpoint({ closedAtUs: 700 }) }), 1000)).toBe(700);
    expect(heldUntilUs(fakeSyn({ packetId: 1, atUs: 100, endpoint: fakeEndpoint({ establishedAtUs: 1500, closedAtUs: 1700 }) }), 1000)).toBe(1000);
  });

  it('a SYN was answered when its sender said so, completed the handshake or reset it', () => {
    expect(wasAnswered(fakeSyn({ packetId: 1, atUs: 0, answered: true }))).toBe(true);
    expect(wasAnswered(fakeSyn({ packetId: 1, atUs: 0, answered: true, endpoint: fakeEndpoint() }))).toBe(true);
    expect(wasAnswered(fakeSyn({ packetId: 1, atUs: 0 }))).toBe(false);
    expect(wasAnswered(fakeSyn({ packetId: 1, atUs: 0, endpoint: fakeEndpoint() }))).toBe(false);
    expect(wasAnswered(fakeSyn({ packetId: 1, atUs: 0, endpoint: fakeEndpoint({ establishedAtUs: 0 }) }))).toBe(true);
    expect(wasAnswered(fakeSyn({ packetId: 1, atUs: 0, endpoint: fakeEndpoint({ closedAtUs: 9, closeReason: 'reset-received' }) }))).toBe(true);
    expect(wasAnswered(fakeSyn({ packetId: 1, atUs: 0, endpoint: fakeEndpoint({ closedAtUs: 9, closeReason: 'timeout' }) }))).toBe(false);
  });

  describe('state held', () => {
    it('nothing for no records, cookies and fixed slots', () => {
      expect(stateHeld([], 1000)).toEqual({ peakBytes: 0, byteUs: 0, entries: 0 });
      expect(stateHeld([fakeSyn({ packetId: 1, atUs: 0, kept: null }), fakeSyn({ packetId: 2, atUs: 0, kept: slot })], 1000)).toEqual({ peakBytes: 0, byteUs: 0, entries: 0 });
    });

    it('overlapping entries add up; bytes × µs until each is freed', () => {
      // 384 B from 100 to 600 (established), 312 B from 200 to the end (1000), 384 B from 700 to 900 (closed).
      const r = [
        fakeSyn({ packetId: 3, atUs: 700, endpoint: fakeEndpoint({ closedAtUs: 900 }) }),
        fakeSyn({ packetId: 1, atUs: 100, endpoint: fakeEndpoint({ establishedAtUs: 600 }) }),
        fakeSyn({ packetId: 2, atUs: 200, kept: tcp, kind: 'tcp', endpoint: fakeEndpoint() }),
        fakeSyn({ packetId: 4, atUs: 50, kept: null }),
      ];
      expect(stateHeld(r, 1000)).toEqual({ peakBytes: 384 + 312, byteUs: 384 * 500 + 312 * 800 + 384 * 200, entries: 3 });
    });

    it('a record freed at the moment another is kept does not count twice', () => {
      const r = [fakeSyn({ packetId: 2, atUs: 500, endpoint: fakeEndpoint({ closedAtUs: 800 }) }), fakeSyn({ packetId: 1, atUs: 100, endpoint: fakeEndpoint({ closedAtUs: 500 }) })];
      expect(stateHeld(r, 1000)).toEqual({ peakBytes: 384, byteUs: 384 * 400 + 384 * 300, entries: 2 });
    });

    it('what is kept after the end of the run held no time', () => {
      expect(stateHeld([fakeSyn({ packetId: 1, atUs: 2000 })], 1000)).toEqual({ peakBytes: 0, byteUs: 0, entries: 1 });
    });
  });
});
