/**
 * The review as an Open Threat Model (OTM 0.2.0) document: trust zones
 * (the endpoints, the network between them, and off path when an off-path
 * attacker found something), components for the nodes, data flows for the
 * links, the sweep's findings as threats (STRIDE category, risk from the
 * severity), and the mitigation sets of the trade-off table as mitigations.
 * Each component or flow lists the threats of attackers standing there,
 * with the review's state and the sets that stop each one.
 *
 * Threat states: `exposed` (open, or no decision yet), `mitigated`,
 * `accepted` (an accepted risk), `not-applicable`. Mitigation states on a
 * threat: `recommended` for the cheapest set that stops every stoppable
 * finding, `available` for any other set measured to stop it.
 *
 * @example
 * const otm = openThreatModel(s, runSurface(s), tradeoffs);
 */
import type { ReviewSeverity, ReviewStatus, Scenario } from '../scenario/types.ts';
import { failureInfo } from '../monitors/failure-catalog.ts';
import { reconcileReview, surfaceFindings, type Finding, type ReviewedFinding } from './findings.ts';
import { OFF_PATH } from './surface-plan.ts';
import type { SurfaceResult } from './surface.ts';
import type { TradeoffResult, TradeoffRow } from './tradeoff-types.ts';
import {
  attackName,
  decisionText,
  findingText,
  foundFindings,
  mitigationText,
  modelLinks,
  modelNodes,
  offPathPosition,
  protocolName,
  setName,
  severityOf,
  stoppingRows,
  strideOf,
  type ModelNode,
} from './threat-dragon-common.ts';

export const OTM_VERSION = '0.2.0';

export interface OtmThreatInstance {
  threat: string;
  state: string;
  mitigations: { mitigation: string; state: string }[];
}

export interface OtmRepresentationElement {
  representation: string;
  id: string;
  name: string;
  position: { x: number; y: number };
  size: { width: number; height: number };
}

export interface OpenThreatModel {
  otmVersion: string;
  project: { name: string; id: string; description: string; owner: string | null; tags: string[]; attributes: Record<string, string> };
  representations: { name: string; id: string; type: 'diagram'; description: string; size: { width: number; height: number } }[];
  trustZones: { id: string; name: string; type: string; description: string; risk: { trustRating: number } }[];
  components: { id: string; name: string; type: string; description: string; parent: { trustZone: string }; representations: OtmRepresentationElement[]; threats: OtmThreatInstance[]; tags: string[]; attributes: Record<string, string> }[];
  dataflows: { id: string; name: string; description: string; bidirectional: boolean; source: string; destination: string; threats: OtmThreatInstance[]; tags: string[] }[];
  threats: { id: string; name: string; description: string; categories: string[]; risk: { likelihood: null; likelihoodComment: string; impact: number; impactComment: string }; tags: string[]; attributes: Record<string, string> }[];
  mitigations: { id: string; name: string; description: string; riskReduction: number; attributes: Record<string, string> }[];
}

const STATE: Record<ReviewStatus, string> = { open: 'exposed', mitigated: 'mitigated', accepted: 'accepted', 'not-applicable': 'not-applicable' };
const IMPACT: Record<ReviewSeverity, number> = { high: 90, medium: 60, low: 30 };
const DIAGRAM = 'topology';

const zoneOf = (kind: ModelNode['kind']) => (kind === 'host' ? 'zone/endpoints' : 'zone/network');
const setId = (row: TradeoffRow) => `mitigation-set/${row.mitigations.length ? row.mitigations.join('+') : 'defaults'}`;

function instance(r: ReviewedFinding & { finding: Finding }, tradeoffs: TradeoffResult | null): OtmThreatInstance {
  const cheapest = tradeoffs?.cheapest ?? null;
  return {
    threat: `threat/${r.key}`,
    state: STATE[r.decision?.status ?? 'open'],
    mitigations: stoppingRows(r.key, tradeoffs).map((row) => ({ mitigation: setId(row), state: row === cheapest ? 'recommended' : 'available' })),
  };
}

function threatEntry(r: ReviewedFinding & { finding: Finding }, tradeoffs: TradeoffResult | null): OpenThreatModel['threats'][number] {
  const f = r.finding;
  const severity = severityOf(r);
  const d = r.decision;
  return {
    id: `threat/${r.key}`,
    name: `${failureInfo(f.failure).name}: ${attackName(f)} at ${f.row.place}`,
    description: `${findingText(f)}\n${decisionText(d)}\n${mitigationText(r, tradeoffs)}`,
    categories: [strideOf(f)],
    risk: {
      likelihood: null,
      likelihoodComment: 'Not estimated: the engine shows the failure happens when an attacker of this class stands at this place; how likely that is depends on the deployment.',
      impact: IMPACT[severity],
      impactComment: `Severity ${severity}${d ? ' (the reviewer\'s)' : ` (the default: STRIDE ${strideOf(f)}${f.mptcpSpecific ? ', one step up as MPTCP-specific' : ''})`}.`,
    },
    tags: [f.failure, f.row.variant ? `${f.row.attack}:${f.row.variant}` : f.row.attack, f.mptcpSpecific ? 'mptcp-specific' : 'inherited-from-tcp'],
    attributes: {
      attack: f.row.variant ? `${f.row.attack}:${f.row.variant}` : f.row.attack,
      place: f.row.place,
      placeKind: f.row.placeKind,
      location: f.row.location,
      capability: f.row.capability,
      window: f.row.window ?? '',
      failure: f.failure,
      status: d?.status ?? 'open',
      severity,
      owner: d?.owner ?? '',
      comment: d?.comment ?? '',
      flag: r.flag,
    },
  };
}

function mitigationEntry(row: TradeoffRow, t: TradeoffResult): OpenThreatModel['mitigations'][number] {
  const total = row.stopped.length + row.remaining.length;
  const c = row.cost;
  return {
    id: setId(row),
    name: `Mitigation set: ${setName(row.mitigations)}`,
    description: `${row.kinds.join(', ')}. Stops ${row.stopped.length} of ${total} findings${row.added.length ? `, adds ${row.added.length}` : ''}. Cost, measured without attackers: ${c.hashPerConnection} hash blocks per connection, ${c.stateBytesPerConnection} bytes of half-open state per connection, ${c.wireBytes} bytes on the wire${c.natCompatible ? '' : `, breaks ${c.joinsBroken} join${c.joinsBroken === 1 ? '' : 's'} (not NAT-compatible)`}.${row === t.cheapest ? ' The cheapest set that stops every stoppable finding.' : ''}`,
    riskReduction: total === 0 ? 0 : Math.round((100 * row.stopped.length) / total),
    attributes: {
      mitigations: row.mitigations.join(','),
      kinds: row.kinds.join(','),
      hashPerConnection: String(c.hashPerConnection),
      hashPerJoin: c.hashPerJoin === null ? '' : String(c.hashPerJoin),
      stateBytesPerConnection: String(c.stateBytesPerConnection),
      stateBytesPerJoin: c.stateBytesPerJoin === null ? '' : String(c.stateBytesPerJoin),
      wireBytes: String(c.wireBytes),
      joinsBroken: String(c.joinsBroken),
      natCompatible: String(c.natCompatible),
      cheapest: String(row === t.cheapest),
    },
  };
}

/** The OTM document of a scenario's review: topology, findings as threats, mitigation sets (when `tradeoffs` is given). */
export function openThreatModel(s: Scenario, surface: SurfaceResult, tradeoffs: TradeoffResult | null): OpenThreatModel {
  const found = foundFindings(reconcileReview(s.review, surfaceFindings(surface.rows)));
  const at = new Map<string, OtmThreatInstance[]>();
  for (const r of found) at.set(r.finding.row.place, [...(at.get(r.finding.row.place) ?? []), instance(r, tradeoffs)]);
  const nodes = modelNodes(s);
  const element = (name: string, id: string, x: number, y: number, kind: ModelNode['kind'] | 'attacker'): OtmRepresentationElement => ({ representation: DIAGRAM, id: `${id}/shape`, name, position: { x, y }, size: kind === 'host' || kind === 'attacker' ? { width: 160, height: 80 } : { width: 100, height: 100 } });
  const components: OpenThreatModel['components'] = nodes.map((n) => ({
    id: `node/${n.id}`,
    name: n.name,
    type: n.kind,
    description: `${n.kind} "${n.id}" of the scenario.`,
    parent: { trustZone: zoneOf(n.kind) },
    representations: [element(n.name, `node/${n.id}`, n.x, n.y, n.kind)],
    threats: n.kind === 'router' ? (at.get(n.id) ?? []) : [],
    tags: [n.kind],
    attributes: { scenarioId: n.id },
  }));
  const offPath = at.get(OFF_PATH) ?? [];
  const zones: OpenThreatModel['trustZones'] = [
    { id: 'zone/endpoints', name: 'Endpoints', type: 'endpoints', description: 'The hosts at the ends of the connection: where the security goal is judged.', risk: { trustRating: 100 } },
    { id: 'zone/network', name: 'Network path', type: 'network', description: 'Routers, NATs, middleboxes and links: where an on-path attacker (for the whole run or part of it) can stand.', risk: { trustRating: 50 } },
  ];
  if (offPath.length) {
    const p = offPathPosition(s, nodes);
    zones.push({ id: 'zone/off-path', name: 'Off path', type: 'internet', description: 'Anywhere else: an attacker here never sees the connection\'s packets and can only send spoofed ones.', risk: { trustRating: 0 } });
    components.push({ id: 'node/off-path', name: 'Off-path attacker', type: 'attacker', description: 'Stands for every off-path attacker of the sweep; the threats listed are what they caused.', parent: { trustZone: 'zone/off-path' }, representations: [element('Off-path attacker', 'node/off-path', p.x, p.y, 'attacker')], threats: offPath, tags: ['attacker'], attributes: { entry: p.entryNode ?? '' } });
  }
  const dataflows: OpenThreatModel['dataflows'] = modelLinks(s, nodes).map((l) => ({ id: `link/${l.id}`, name: l.id, description: `Link between ${l.a} and ${l.b} (${protocolName(surface)}).`, bidirectional: true, source: `node/${l.a}`, destination: `node/${l.b}`, threats: at.get(l.id) ?? [], tags: ['link'] }));
  const width = Math.max(0, ...components.map((c) => c.representations[0]!.position.x + c.representations[0]!.size.width)) + 60;
  const height = Math.max(0, ...components.map((c) => c.representations[0]!.position.y + c.representations[0]!.size.height)) + 60;
  const owners = [...new Set((s.review?.decisions ?? []).map((d) => d.owner).filter((o) => o !== ''))].sort();
  return {
    otmVersion: OTM_VERSION,
    project: {
      name: s.title,
      id: s.id,
      description: s.description,
      owner: owners.length ? owners.join(', ') : null,
      tags: ['mptcp-threat-lab', surface.protocol],
      attributes: { protocol: surface.protocol, mitigations: surface.mitigations.join(','), macAlgorithm: surface.macAlgorithm, surfaceVersion: surface.version, tradeoffs: tradeoffs ? 'computed' : 'not computed' },
    },
    representations: [{ name: 'Topology', id: DIAGRAM, type: 'diagram', description: 'The scenario\'s hosts, routers, NATs, middleboxes and links.', size: { width, height } }],
    trustZones: zones,
    components,
    dataflows,
    threats: found.map((r) => threatEntry(r, tradeoffs)),
    mitigations: tradeoffs ? tradeoffs.rows.map((row) => mitigationEntry(row, tradeoffs)) : [],
  };
}
