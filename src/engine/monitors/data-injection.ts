/**
 * `data-injection`: an application read bytes its peer's application never
 * wrote (the readers check every byte against what the writer produced),
 * where the attacker-free run delivered them intact. The evidence is what
 * the attackers injected before that moment.
 */
import { injectedPackets } from './evidence.ts';
import type { Finding, Monitor } from './monitor.ts';
import { evt, prose } from './prose.ts';

export const dataInjection: Monitor = {
  id: 'data-injection',
  evaluate(truth) {
    const base = truth.attackFree();
    const injected = injectedPackets(truth.attackers);
    const out: Finding[] = [];
    truth.apps.forEach((app, i) => {
      for (const side of ['server', 'client'] as const) {
        const at = app.mismatchAtUs[side];
        if (at === null) continue;
        if (base && (base.apps[i]?.mismatchAtUs[side] ?? null) !== null) continue; // corrupted without any attacker (a rewriting middlebox)
        const writer = side === 'server' ? app.client : app.server;
        const reader = side === 'server' ? app.server : app.client;
        // Injections sent before the wrong bytes were read.
        const before = truth.attackers.flatMap((a) => a.actions.filter((x) => x.timeUs <= at && x.packets?.some((p) => injected.get(p) === a)).map((x) => ({ a, x })));
        const packets = before.flatMap(({ x }) => x.packets!);
        const who = before[0]?.a ?? truth.attackers[0]!;
        const act = before[0]?.x;
        out.push({
          failure: 'data-injection',
          timeUs: at,
          attacker: who.id,
          evidence: { packets, events: [] },
          explanation: prose`The ${reader} application of ${app.id} read bytes that ${writer}'s application never wrote, from stream offset ${app.firstMismatch[side]!} on.${act ? prose` ${evt(act)} (${who.describeClass()}); ${reader} took it for the next bytes of the stream because every sequence number in it was exactly the one it expected.` : ''}`,
        });
      }
    });
    return out;
  },
};
