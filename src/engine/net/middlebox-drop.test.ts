/**
 * The drop-handshake middlebox loses exactly the handshake segments a
 * scenario names, once per four-tuple, and the lossy-handshake built-in
 * shows what the RFCs ask of the hosts afterwards: the SYN retransmitted
 * after the initial 1 s timer (RFC 6298 §2.1), data that starts with a 3 s
 * timer (§5.7) and a one-segment window (RFC 5681 §3.1), and the lost third
 * ACK replaced by the first data's MP_CAPABLE (RFC 8684 §3.1).
 */
import { describe, expect, it } from 'vitest';
import { fromHex } from '../core/hex.ts';
import { runScenario } from '../runner/run-scenario.ts';
import { builtinScenario } from '../scenario/builtin/index.ts';
import type { Scenario } from '../scenario/types.ts';
import { decodePacket } from '../wire/packet.ts';
import { TCP_FLAG } from '../wire/tcp-header.ts';

const lossy = builtinScenario('lossy-handshake')!;
const withDrop = (drop: NonNullable<Scenario['middleboxes'][number]['drop']>): Scenario => ({ ...lossy, middleboxes: lossy.middleboxes.map((m) => ({ ...m, drop })) });

/** The client's segments as they leave it: time, flags, payload length. */
function clientSegments(s: Scenario) {
  const r = runScenario(s);
  const out = r.packets
    .filter((p) => p.link === 'client-mb' && p.from === 'client')
    .map((p) => {
      const d = decodePacket(fromHex(p.hex));
      if (!d.ok || !d.value.tcp) throw new Error(`packet ${p.id} does not decode`);
      return { timeUs: p.timeUs, flags: d.value.tcp.header.flags, payload: d.value.payloadLength, options: d.value.tcp.header.options.map((o) => o.kind) };
    });
  return { r, out };
}

describe('drop-handshake middlebox', () => {
  it('loses the first SYN and the first third ACK, nothing else, and says so', () => {
    const { r } = clientSegments(lossy);
    expect(r.events.filter((e) => e.kind === 'middlebox-drop').map((e) => (e.kind === 'middlebox-drop' ? e.segment : null))).toEqual(['syn', 'third-ack']);
    expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 200_000 } });
    expect(r.finished).toBe(true);
  });

  it('a SYN/ACK lost instead: the server retransmits it, the client answers once', () => {
    const { r } = clientSegments(withDrop(['syn-ack']));
    expect(r.events.filter((e) => e.kind === 'middlebox-drop').length).toBe(1);
    expect(r.apps[0]).toMatchObject({ intact: true, bytesRead: { server: 200_000 } });
  });
});

describe('lossy-handshake: after a lost SYN', () => {
  const { r, out } = clientSegments(lossy);
  const syns = out.filter((p) => p.flags & TCP_FLAG.SYN);
  const data = out.filter((p) => p.payload > 0);

  it('RFC 6298 §2.1: the SYN is sent again when the 1 s initial timer expires', () => {
    expect(syns).toHaveLength(2);
    expect(syns[1]!.timeUs - syns[0]!.timeUs).toBe(1_000_000);
  });

  it('RFC 8684 §3.1: the lost third ACK costs nothing; the first data repeats MP_CAPABLE', () => {
    expect(data[0]!.options).toContain('mp-capable');
    expect(r.apps[0]!.completedUs).toBeLessThan(2_000_000);
  });

  it('RFC 5681 §3.1: the first flight of data is one segment', () => {
    const first = data[0]!.timeUs;
    // Everything sent before the first data segment could have been acknowledged (one round trip, 20 ms).
    expect(data.filter((p) => p.timeUs < first + 20_000)).toHaveLength(1);
  });
});
