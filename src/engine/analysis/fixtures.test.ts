/**
 * Every committed Linux capture: the analysis must find what the kernel did
 * (checked against the tshark-made manifest) and verify every HMAC, token,
 * IDSN and DSS checksum; a flipped bit must be caught at exactly its frame.
 */
import { describe, expect, it } from 'vitest';
import { optionOffset, payloadOffset, readFixture, readManifest } from '../testing/fixtures.ts';
import { analyzeCapture } from './analyze-capture.ts';

const manifest = readManifest();
const names = Object.keys(manifest);

describe.each(names)('fixture %s', (name) => {
  const m = manifest[name]!;
  const report = analyzeCapture(readFixture(name));

  it('reads every frame, with no problem', () => {
    expect(report.packets).toBe(m.frames);
    expect(report.format).toBe(m.format);
    expect(report.problems).toEqual([]);
    for (const c of report.connections) expect(c.problems).toEqual([]);
  });

  it('finds the connections with the keys, tokens and IDSNs Wireshark derives', () => {
    expect(report.connections.map((c) => [c.client, c.server])).toEqual(m.connections.map((c) => [c.client, c.server]));
    report.connections.forEach((c, i) => {
      const e = m.connections[i]!;
      expect(c.version).toBe(1);
      expect([c.clientKey, c.serverKey]).toEqual([e.clientKey, e.serverKey]);
      expect([c.clientToken, c.serverToken, c.clientIdsn, c.serverIdsn]).toEqual([e.clientToken, e.serverToken, e.clientIdsn, e.serverIdsn]);
      // Wireshark's own computation, independent of ours and of the manifest script.
      for (const t of m.wireshark.expectedTokens) expect([c.clientToken, c.serverToken]).toContain(t.token);
      for (const t of m.wireshark.expectedIdsns) expect([c.clientIdsn, c.serverIdsn]).toContain(t.idsn);
      // The IDSNs agree with the data sequence numbers Linux put on the wire.
      expect(c.clientIdsnVerified).toBe(true);
      expect(c.serverIdsnVerified).toBe(true);
    });
  });

  it('maps every subflow to its connection and verifies both join HMACs', () => {
    report.connections.forEach((c, i) => {
      const e = m.connections[i]!;
      expect(c.subflows.map((s) => [s.client, s.server, s.join])).toEqual(e.subflows.map((s) => [s.client, s.server, s.join]));
      c.subflows.forEach((s, j) => {
        const es = e.subflows[j]!;
        if (!s.join) {
          expect(s.hmacVerified).toBe(null);
          return;
        }
        expect(s.token).toBe(es.token);
        expect(s.initiator).toBe(es.initiator);
        expect(s.addressId).toBe(es.addrIds!.initiator);
        expect(s.responderAddressId).toBe(es.addrIds!.responder);
        expect(s.backup).toBe(es.backup!.syn || es.backup!.synAck);
        expect([s.synAckHmacVerified, s.ackHmacVerified, s.hmacVerified]).toEqual([true, true, true]);
        expect(s.established).toBe(true);
      });
    });
  });

  it('verifies every ADD_ADDR HMAC and reports signalling at the right frames', () => {
    const c = report.connections[0]!;
    expect(c.addAddrs.map((a) => a.frame)).toEqual(m.addAddrFrames);
    c.addAddrs.forEach((a, k) => {
      const e = m.addAddr[k]!;
      expect([a.from, a.addressId, a.address, a.port, a.echo]).toEqual([e.sender, e.addrId, e.address, e.port, e.echo]);
      expect(a.hmacVerified).toBe(e.echo ? null : true);
      expect(a.hmac).toBe(e.truncatedHmac);
    });
    expect(c.removeAddrs.map((r) => r.frame)).toEqual(m.removeAddrFrames);
    const framesOf = (kind: string) => c.events.filter((ev) => ev.kind === kind).map((ev) => ev.frame);
    expect(framesOf('mp-prio')).toEqual(m.mpPrioFrames);
    expect(framesOf('mp-fastclose')).toEqual(m.fastcloseFrames);
    expect(framesOf('mp-tcprst')).toEqual(m.tcprstFrames);
    for (const ev of c.events.filter((x) => x.kind === 'mp-fastclose')) expect(ev.detail).toContain('accepted');
  });

  it('verifies every DSS checksum when checksums were negotiated', () => {
    const cs = report.connections[0]!.dssChecksum;
    expect(cs.negotiated).toBe(m.dssChecksum);
    expect(cs.failed).toBe(0);
    expect(cs.unchecked).toBe(0);
    if (m.dssChecksum) expect(cs.verified).toBeGreaterThan(10);
    else expect(cs.verified).toBe(0);
  });
});

describe('a flipped bit is caught where it is', () => {
  const name = 'v1-two-subflows-add-addr.pcap';
  const m = manifest[name]!;
  const clean = readFixture(name);
  const join = m.connections[0]!.subflows.find((s) => s.join)! as { synAckFrame?: number; thirdAckFrame?: number } & (typeof m.connections)[0]['subflows'][0];

  const flip = (at: number, bit = 0x01): Uint8Array => {
    const copy = clean.slice();
    copy[at]! ^= bit;
    return copy;
  };

  it('in the SYN/ACK truncated HMAC', () => {
    const frame = join.synAckFrame!;
    const r = analyzeCapture(flip(optionOffset(clean, frame, 'mp-join-syn-ack') + 4 + 7));
    const s = r.connections[0]!.subflows[1]!;
    expect([s.synAckHmacVerified, s.ackHmacVerified, s.hmacVerified]).toEqual([false, true, false]);
    const problems = r.connections[0]!.problems;
    expect(problems.map((p) => [p.frame, p.code])).toEqual([[frame, 'ANALYSIS_HMAC_MISMATCH']]);
    // Every other subflow still verifies.
    expect(r.connections[0]!.subflows.filter((x) => x.join && x !== s).every((x) => x.hmacVerified)).toBe(true);
  });

  it('in the third-ACK HMAC', () => {
    const frame = join.thirdAckFrame!;
    const r = analyzeCapture(flip(optionOffset(clean, frame, 'mp-join-ack') + 4 + 19, 0x80));
    const s = r.connections[0]!.subflows[1]!;
    expect([s.synAckHmacVerified, s.ackHmacVerified, s.hmacVerified]).toEqual([true, false, false]);
    expect(r.connections[0]!.problems.map((p) => [p.frame, p.code])).toEqual([[frame, 'ANALYSIS_HMAC_MISMATCH']]);
  });

  it('in the ADD_ADDR HMAC', () => {
    const frame = m.addAddr.find((a) => !a.echo)!.frame;
    const r = analyzeCapture(flip(optionOffset(clean, frame, 'add-addr') + 8, 0x10));
    const a = r.connections[0]!.addAddrs.find((x) => x.frame === frame)!;
    expect(a.hmacVerified).toBe(false);
    expect(r.connections[0]!.problems.map((p) => [p.frame, p.code])).toEqual([[frame, 'ANALYSIS_HMAC_MISMATCH']]);
  });

  it('in the address an ADD_ADDR announces (the HMAC covers it)', () => {
    const frame = m.addAddr.find((a) => !a.echo)!.frame;
    const r = analyzeCapture(flip(optionOffset(clean, frame, 'add-addr') + 7, 0x01));
    const a = r.connections[0]!.addAddrs.find((x) => x.frame === frame)!;
    expect(a.address).toBe('198.18.2.3');
    expect(a.hmacVerified).toBe(false);
  });

  it('in a nonce: both HMACs of that join fail, at their own frames', () => {
    const r = analyzeCapture(flip(optionOffset(clean, join.synAckFrame!, 'mp-join-syn-ack') + 12));
    const s = r.connections[0]!.subflows[1]!;
    expect([s.synAckHmacVerified, s.ackHmacVerified]).toEqual([false, false]);
    expect(r.connections[0]!.problems.map((p) => p.frame)).toEqual([join.synAckFrame, join.thirdAckFrame]);
  });

  it('in a DSS-checksummed payload byte', () => {
    const csName = 'v1-dss-checksum.pcap';
    const csClean = readFixture(csName);
    // The first frame that carries data.
    const frame = Array.from({ length: manifest[csName]!.frames }, (_, i) => i + 1).find((f) => {
      try {
        return payloadOffset(csClean, f) > 0;
      } catch {
        return false;
      }
    })!;
    const copy = csClean.slice();
    copy[payloadOffset(csClean, frame) + 5]! ^= 0x04;
    const r = analyzeCapture(copy);
    const c = r.connections[0]!;
    expect(c.dssChecksum.failed).toBe(1);
    expect(c.problems.map((p) => [p.frame, p.code])).toEqual([[frame, 'ANALYSIS_DSS_CHECKSUM_MISMATCH']]);
  });
});
