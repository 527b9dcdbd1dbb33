/**
 * `data-injection`: an application read bytes its peer's application never
 * wrote (the readers check every byte against what the writer produced),
 * where the attacker-free run delivered them intact. The evidence is the
 * attacker packet that carried the wrong bytes: the bytes the reader got at
 * the first wrong offset, found in the payload of a packet an attacker sent
 * or rewrote — or, when the bytes were transformed on the way (a record
 * layer decrypting them), the attacker payload the reader's host took in
 * before. Wrong bytes no attacker packet carried are not an attack's.
 */
import { fromHex } from '../core/hex.ts';
import { contains } from './evidence.ts';
import type { Finding, Monitor } from './monitor.ts';
import { atk, pkt, prose } from './prose.ts';

/** Bytes of the wrong data to look for: enough to be one packet's, few enough to fit where it was cut. */
const NEEDLE = 8;

export const dataInjection: Monitor = {
  id: 'data-injection',
  evaluate(truth) {
    const base = truth.attackFree();
    const out: Finding[] = [];
    truth.apps.forEach((app, i) => {
      for (const side of ['server', 'client'] as const) {
        const at = app.mismatchAtUs[side];
        const read = app.mismatchBytes[side];
        if (at === null || read === null) continue;
        if (base && (base.apps[i]?.mismatchAtUs[side] ?? null) !== null) continue; // corrupted without any attacker (a rewriting middlebox)
        const needle = fromHex(read).subarray(0, NEEDLE);
        let carrier: { packet: number; attacker: (typeof truth.attackers)[number] } | null = null;
        for (const a of truth.attackers) {
          for (const [packet, payload] of a.payloadsSent) {
            if (contains(payload, needle) && (!carrier || packet < carrier.packet)) carrier = { packet, attacker: a };
          }
        }
        const writer = side === 'server' ? app.client : app.server;
        const reader = side === 'server' ? app.server : app.client;
        // Bytes a record layer decrypted are not the ones on the wire: then the attacker payload the reader took in before.
        const verbatim = carrier !== null;
        if (!carrier) {
          const taken = (truth.attackerArrivals.get(reader) ?? []).find((x) => x.accepted && x.atUs <= at && truth.attackers.some((a) => a.payloadsSent.has(x.packetId)));
          const by = taken && truth.attackers.find((a) => a.payloadsSent.has(taken.packetId));
          if (taken && by) carrier = { packet: taken.packetId, attacker: by };
        }
        if (!carrier) continue;
        const a = carrier.attacker;
        out.push({
          failure: 'data-injection',
          timeUs: at,
          attacker: a.id,
          evidence: { packets: [carrier.packet], events: [] },
          explanation: prose`The ${reader} application of ${app.id} read bytes that ${writer}'s application never wrote, from stream offset ${app.firstMismatch[side]!} on. ${
            verbatim
              ? prose`They came in ${pkt(carrier.packet)}, which ${atk(a.id)} (${a.describeClass()}) sent: ${reader} took them for the next bytes of the stream because every sequence number in it was one it accepted.`
              : prose`${reader} had taken in ${pkt(carrier.packet)} from ${atk(a.id)} (${a.describeClass()}) before: its payload passed every check and was read as part of the stream.`
          }`,
        });
      }
    });
    return out;
  },
};
