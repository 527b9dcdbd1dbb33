/**
 * An attacker's own address: one no interface (and no other attacker) has,
 * reached through a router it sits at or at an end of one of its links.
 */
import type { Scenario } from '../../../engine/index.ts';

export { usedAddresses, freeAttackerAddress } from '../../../engine/index.ts';

/** The router packets to the attacker's address go through: the first router in `at`, else a router end of one of its links. */
export function homeRouter(s: Scenario, at: readonly string[]): string | null {
  const routers = new Set(s.routers.map((r) => r.id));
  const router = at.find((p) => routers.has(p));
  if (router) return router;
  for (const place of at) {
    const link = s.links.find((l) => l.id === place);
    const end = link && [link.a, link.b].map((e) => e.split('.')[0]!).find((n) => routers.has(n));
    if (end) return end;
  }
  return null;
}
