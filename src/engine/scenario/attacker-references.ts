/**
 * Cross-reference checks of attackers: a class that makes sense
 * (security-model.md §4), places that exist, a window only where the
 * location has one, an attack that exists in this version with valid
 * parameters, and an own address that is free and reachable.
 */
import { attackInfo } from '../attacks/catalog.ts';
import { implementedAttacks } from '../attacks/registry.ts';
import { addressKey, parseHostAddress } from './addresses.ts';
import { childPath, didYouMean, indexPath, listOf, quote } from './problem-text.ts';
import type { Topology } from './references.ts';
import type { Scenario, ScenarioProblem } from './types.ts';

export function checkAttackers(s: Scenario, topology: Topology, problems: ScenarioProblem[]): void {
  const linkIds = s.links.map((l) => l.id);
  const routerIds = s.routers.map((r) => r.id);
  const places = [...linkIds, ...routerIds];
  const ids = new Map<string, string>();
  const implemented = implementedAttacks();
  s.attackers.forEach((a, i) => {
    const path = indexPath('$.attackers', i);
    const at = (key: string) => childPath(path, key);
    const first = ids.get(a.id);
    if (first) problems.push({ path: at('id'), code: 'SCENARIO_DUPLICATE', message: `${quote(a.id)} is already the id of another attacker (${first})` });
    else ids.set(a.id, path);

    if (a.location === 'off-path' && a.capability === 'eavesdropper') {
      problems.push({
        path: at('capability'),
        code: 'SCENARIO_CONFLICT',
        message:
          'an off-path attacker sees no packets, so as an eavesdropper it could never learn or do anything: an off-path attacker can only act blindly. Use capability "active", or place it on the path (location "on-path" or "partial-time-on-path")',
      });
    }
    const info = attackInfo(a.attack);
    if (info.needsActive && a.capability === 'eavesdropper') {
      problems.push({ path: at('attack'), code: 'SCENARIO_CONFLICT', message: `${quote(a.attack)} (${info.label}) sends packets, which an eavesdropper never does: use capability "active"` });
    }
    if (info.needsAddress && a.address === undefined) {
      problems.push({ path: at('address'), code: 'SCENARIO_REQUIRED', message: `missing "address": ${quote(a.attack)} makes a host connect to the attacker, so it needs an address of its own (one no interface has, reached through the router it sits at)` });
    }
    if (!implemented.includes(a.attack)) {
      problems.push({ path: at('attack'), code: 'SCENARIO_REFERENCE', message: `${quote(a.attack)} (${info.label}, ${info.rfc}) is not available in this version of the lab: expected one of ${listOf(implemented)}` });
    }

    if (a.location === 'partial-time-on-path') {
      if (!a.window) problems.push({ path: at('window'), code: 'SCENARIO_REQUIRED', message: 'missing "window": a partial-time on-path attacker holds its place only for a time, { "fromUs": ..., "toUs": ... }' });
      else if (a.window.toUs <= a.window.fromUs) problems.push({ path: childPath(at('window'), 'toUs'), code: 'SCENARIO_RANGE', message: `must be after fromUs (${a.window.fromUs}), got ${a.window.toUs}` });
      else if (a.window.fromUs >= s.durationUs) problems.push({ path: childPath(at('window'), 'fromUs'), code: 'SCENARIO_RANGE', message: `${a.window.fromUs} µs is after the end of the run (durationUs ${s.durationUs}): the attacker would never arrive` });
    } else if (a.window) {
      problems.push({ path: at('window'), code: 'SCENARIO_CONFLICT', message: `only a partial-time on-path attacker has a window; an ${a.location} attacker holds its place for the whole run` });
    }

    a.at.forEach((place, j) => {
      if (places.includes(place)) return;
      const node = topology.nodes.get(place);
      const what = node ? `; it is ${node.kind === 'host' ? 'a host' : `a ${node.kind}`}, and an attacker sits on links or routers, not in an endpoint` : '';
      problems.push({ path: indexPath(at('at'), j), code: 'SCENARIO_REFERENCE', message: `${quote(place)} is not a link or a router${what}: expected one of ${listOf(places)}${node ? '' : didYouMean(place, places)}` });
    });

    info.params.validate(a.params, at('params'), problems);

    if (a.address !== undefined) {
      const parsed = parseHostAddress(a.address);
      if (!parsed.ok) return;
      const owner = topology.addressOwners.get(addressKey(parsed.address));
      if (owner) problems.push({ path: at('address'), code: 'SCENARIO_DUPLICATE', message: `${a.address} is already an address of ${owner.ref} (${owner.path}); the attacker's address must be its own` });
      if (!homeRouter(s, a.at)) {
        problems.push({ path: at('address'), code: 'SCENARIO_CONFLICT', message: `an attacker with its own address must sit at a router, or on a link with a router at one end, so that packets to ${a.address} reach it` });
      }
    }
  });
}

/** The router through which an attacker's own address is reached: the first router it sits at, or at an end of one of its links. */
export function homeRouter(s: Scenario, at: readonly string[]): string | undefined {
  const routers = new Set(s.routers.map((r) => r.id));
  for (const place of at) if (routers.has(place)) return place;
  for (const place of at) {
    const link = s.links.find((l) => l.id === place);
    if (!link) continue;
    for (const end of [link.a, link.b]) {
      const node = end.slice(0, end.indexOf('.'));
      if (routers.has(node)) return node;
    }
  }
  return undefined;
}
