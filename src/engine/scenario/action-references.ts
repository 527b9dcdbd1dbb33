/**
 * Cross-reference checks of timed actions: the link or host they name
 * exists, an endpoint action names one of its host's addresses and runs
 * where there is MPTCP, an app-abort names a traffic entry, and the action
 * happens before the run ends.
 */
import type { ActionSpec, HostSpec, LinkAction, Scenario, ScenarioProblem } from './types.ts';
import type { Topology } from './references.ts';
import { addressKey, parseHostAddress } from './addresses.ts';
import { findHost, hostAddresses } from './host-references.ts';
import { childPath, didYouMean, indexPath, listOf, quote } from './problem-text.ts';

export function checkActions(s: Scenario, topology: Topology, problems: ScenarioProblem[]): void {
  const linkIds = s.links.map((l) => l.id);
  const hosts = new Map<string, HostSpec>();
  for (const h of s.hosts) if (!hosts.has(h.id)) hosts.set(h.id, h);
  const hostIds = [...hosts.keys()];
  s.actions.forEach((a, i) => {
    const path = indexPath('$.actions', i);
    if (a.atUs > s.durationUs) {
      problems.push({ path: childPath(path, 'atUs'), code: 'SCENARIO_RANGE', message: `${a.atUs} µs is after the end of the run (durationUs ${s.durationUs}): the action would never happen` });
    }
    if (isLinkAction(a)) {
      if (!linkIds.includes(a.link)) {
        problems.push({ path: childPath(path, 'link'), code: 'SCENARIO_REFERENCE', message: `${quote(a.link)} is not a link: expected one of ${listOf(linkIds)}${didYouMean(a.link, linkIds)}` });
      }
      return;
    }
    if (a.kind === 'app-abort') {
      const ids = s.traffic.map((t) => t.id);
      if (!ids.includes(a.traffic)) {
        problems.push({ path: childPath(path, 'traffic'), code: 'SCENARIO_REFERENCE', message: `${quote(a.traffic)} is not a traffic entry: expected one of ${listOf(ids)}${didYouMean(a.traffic, ids)}` });
      }
      return;
    }
    if (s.protocol === 'tcp') {
      problems.push({ path: childPath(path, 'kind'), code: 'SCENARIO_REFERENCE', message: `${quote(a.kind)} changes an MPTCP path-manager endpoint, but the protocol is "tcp": use "mptcp-v0" or "mptcp-v1"` });
    }
    const host = findHost(a.host, childPath(path, 'host'), hosts, hostIds, topology, problems);
    if (!host) return;
    const parsed = parseHostAddress(a.address);
    if (!parsed.ok) return; // the shape check reported it
    const own = hostAddresses(host);
    if (!own.some((x) => x.key === addressKey(parsed.address))) {
      problems.push({ path: childPath(path, 'address'), code: 'SCENARIO_REFERENCE', message: `${a.address} is not an address of ${host.id}: expected one of ${listOf(own.map((x) => x.text))}` });
    }
  });
}

const isLinkAction = (a: ActionSpec): a is LinkAction => a.kind === 'link-down' || a.kind === 'link-up';
