/**
 * The review as an OWASP Threat Dragon v2 model: one STRIDE diagram of the
 * scenario's topology (hosts as actors or processes; routers, NATs and
 * middleboxes as processes; links as bidirectional data flows; an off-path
 * attacker when off-path findings exist) and each finding of the surface
 * sweep as a threat on the element where the attacker stands: a link's
 * flow, a router's process, or the off-path element.
 *
 * Threat Dragon knows three statuses (Open, Mitigated, NA). An accepted
 * risk is still there, so it stays Open, and its title and description say
 * "accepted risk"; not applicable is NA. Ids are hashes of what they name,
 * so the same scenario and sweep give the same JSON.
 *
 * @example
 * const surface = runSurface(s, { attacks: ['blind-reset'] });
 * const json = JSON.stringify(threatDragonModel(s, surface, null), null, 2);
 */
import type { ReviewStatus, Scenario } from '../scenario/types.ts';
import { reconcileReview, surfaceFindings, type Finding, type ReviewedFinding } from './findings.ts';
import { OFF_PATH } from './surface-plan.ts';
import type { SurfaceResult } from './surface.ts';
import type { TradeoffResult } from './tradeoff-types.ts';
import {
  decisionText,
  findingText,
  foundFindings,
  mitigationText,
  modelLinks,
  modelNodes,
  offPathPosition,
  protocolName,
  severityOf,
  stableUuid,
  strideOf,
  attackName,
  shortClassText,
  type ModelNode,
} from './threat-dragon-common.ts';

/** The Threat Dragon version whose model format this writes. */
export const THREAT_DRAGON_VERSION = '2.2.0';

export type TdStatus = 'Open' | 'Mitigated' | 'NA';
export type TdSeverity = 'High' | 'Medium' | 'Low';

export interface TdThreat {
  id: string;
  number: number;
  title: string;
  type: string;
  status: TdStatus;
  severity: TdSeverity;
  description: string;
  mitigation: string;
  modelType: 'STRIDE';
  score: string;
}

export interface TdCellData {
  type: 'tm.Actor' | 'tm.Process' | 'tm.Flow';
  name: string;
  description: string;
  outOfScope: boolean;
  reasonOutOfScope: string;
  hasOpenThreats: boolean;
  threats: TdThreat[];
  isTrustBoundary: false;
  [flag: string]: unknown;
}

export interface TdNodeCell {
  id: string;
  shape: 'actor' | 'process';
  zIndex: number;
  visible: true;
  position: { x: number; y: number };
  size: { width: number; height: number };
  attrs: { text: { text: string }; body: { stroke: string; strokeWidth: number; strokeDasharray: string | null } };
  data: TdCellData;
}

export interface TdFlowCell {
  id: string;
  shape: 'flow';
  zIndex: number;
  connector: 'smooth';
  source: { cell: string };
  target: { cell: string };
  vertices: { x: number; y: number }[];
  attrs: { line: { stroke: string; strokeWidth: number; targetMarker: { name: string }; sourceMarker: { name: string }; strokeDasharray: string | null } };
  labels: { position: number; attrs: { labelText: { text: string; textAnchor: 'middle'; textVerticalAnchor: 'middle' }; labelBody: Record<string, string | number> }; markup: { tagName: string; selector: string }[] }[];
  data: TdCellData;
}

export type TdCell = TdNodeCell | TdFlowCell;

export interface ThreatDragonModel {
  version: string;
  summary: { title: string; owner: string; description: string; id: number };
  detail: {
    contributors: { name: string }[];
    diagrams: { id: number; title: string; diagramType: 'STRIDE'; placeholder: string; thumbnail: string; version: string; description: string; cells: TdCell[] }[];
    diagramTop: number;
    reviewer: string;
    threatTop: number;
  };
}

const STATUS: Record<ReviewStatus, TdStatus> = { open: 'Open', accepted: 'Open', mitigated: 'Mitigated', 'not-applicable': 'NA' };
const SEVERITY = { high: 'High', medium: 'Medium', low: 'Low' } as const;

const QUIET = { stroke: '#333333', strokeWidth: 1.5 };
const ALARM = { stroke: 'red', strokeWidth: 2.5 };

function threatOf(r: ReviewedFinding & { finding: Finding }, number: number, tradeoffs: TradeoffResult | null): TdThreat {
  const f = r.finding;
  const accepted = r.decision?.status === 'accepted';
  return {
    id: stableUuid(`threat/${r.key}`),
    number,
    title: `${attackName(f)}: ${f.failure} [${shortClassText(f.row)}]${accepted ? ' (accepted risk)' : ''}`,
    type: strideOf(f),
    status: STATUS[r.decision?.status ?? 'open'],
    severity: SEVERITY[severityOf(r)],
    description: `${findingText(f)}\n${decisionText(r.decision)}${r.flag === 'new' ? '\nNew since the review was last saved.' : ''}`,
    mitigation: mitigationText(r, tradeoffs),
    modelType: 'STRIDE',
    score: '',
  };
}

function cellData(type: TdCellData['type'], name: string, description: string, threats: TdThreat[], flags: Record<string, unknown>): TdCellData {
  return { type, name, description, outOfScope: false, reasonOutOfScope: '', hasOpenThreats: threats.some((t) => t.status === 'Open'), threats, isTrustBoundary: false, ...flags };
}

function nodeCell(id: string, shape: 'actor' | 'process', zIndex: number, at: { x: number; y: number }, data: TdCellData): TdNodeCell {
  const size = shape === 'actor' ? { width: 160, height: 80 } : { width: 100, height: 100 };
  return { id, shape, zIndex, visible: true, position: { x: at.x, y: at.y }, size, attrs: { text: { text: data.name }, body: { ...(data.hasOpenThreats ? ALARM : QUIET), strokeDasharray: null } }, data };
}

function flowCell(id: string, zIndex: number, source: string, target: string, data: TdCellData, bidirectional: boolean, dashed: boolean): TdFlowCell {
  return {
    id,
    shape: 'flow',
    zIndex,
    connector: 'smooth',
    source: { cell: source },
    target: { cell: target },
    vertices: [],
    attrs: { line: { ...(data.hasOpenThreats ? ALARM : QUIET), targetMarker: { name: 'block' }, sourceMarker: { name: bidirectional ? 'block' : '' }, strokeDasharray: dashed ? '4 3' : null } },
    labels: [
      {
        position: 0.5,
        attrs: { labelText: { text: data.name, textAnchor: 'middle', textVerticalAnchor: 'middle' }, labelBody: { ref: 'labelText', refRx: '50%', refRy: '60%', fill: '#fff', strokeWidth: 0 } },
        markup: [
          { tagName: 'ellipse', selector: 'labelBody' },
          { tagName: 'text', selector: 'labelText' },
        ],
      },
    ],
    data,
  };
}

const NODE_TEXT: Record<ModelNode['kind'], string> = {
  host: 'Host: an MPTCP endpoint.',
  router: 'Router: an attacker here is on every link of it.',
  nat: 'Source NAT: rewrites addresses and ports between its inside and outside.',
  middlebox: 'Middlebox: a bump in the wire between two interfaces.',
};

/**
 * The Threat Dragon v2 model of a scenario's review: its topology, the
 * sweep's findings as threats where the attacker stands, each with the
 * review's decision and, when `tradeoffs` is given, the mitigation sets
 * that stop it.
 */
export function threatDragonModel(s: Scenario, surface: SurfaceResult, tradeoffs: TradeoffResult | null): ThreatDragonModel {
  const reviewed = reconcileReview(s.review, surfaceFindings(surface.rows));
  const found = foundFindings(reviewed);
  const byPlace = new Map<string, TdThreat[]>();
  found.forEach((r, i) => {
    const list = byPlace.get(r.finding.row.place) ?? [];
    list.push(threatOf(r, i + 1, tradeoffs));
    byPlace.set(r.finding.row.place, list);
  });
  const threatsAt = (place: string) => byPlace.get(place) ?? [];
  const nodes = modelNodes(s);
  const nodeId = (id: string) => stableUuid(`node/${id}`);
  const cells: TdCell[] = [];
  for (const n of nodes) {
    const threats = n.kind === 'router' ? threatsAt(n.id) : [];
    const flags = n.initiatorOnly ? { providesAuthentication: false } : { handlesCardPayment: false, handlesGoodsOrServices: false, isWebApplication: false, privilegeLevel: '' };
    cells.push(nodeCell(nodeId(n.id), n.initiatorOnly ? 'actor' : 'process', cells.length + 1, n, cellData(n.initiatorOnly ? 'tm.Actor' : 'tm.Process', n.name, `${NODE_TEXT[n.kind]} Scenario id: ${n.id}.`, threats, flags)));
  }
  const encrypted = surface.mitigations.includes('tls');
  for (const l of modelLinks(s, nodes)) {
    const flags = { isBidirectional: true, isEncrypted: encrypted, isPublicNetwork: false, protocol: protocolName(surface) };
    cells.push(flowCell(stableUuid(`link/${l.id}`), cells.length + 1, nodeId(l.a), nodeId(l.b), cellData('tm.Flow', l.id, `Link between ${l.a} and ${l.b}: every subflow routed over it, both ways.`, threatsAt(l.id), flags), true, false));
  }
  const offPath = threatsAt(OFF_PATH);
  if (offPath.length) {
    const at = offPathPosition(s, nodes);
    const id = stableUuid('node/off-path');
    cells.push(nodeCell(id, 'actor', cells.length + 1, at, cellData('tm.Actor', 'Off-path attacker', 'An attacker on no path of the connection: it never sees its packets and can only send spoofed ones, guessing what it must know.', offPath, { providesAuthentication: false })));
    if (at.entryNode) {
      cells.push(flowCell(stableUuid('link/off-path'), cells.length + 1, id, nodeId(at.entryNode), cellData('tm.Flow', 'Spoofed packets', 'Where the off-path attacker\'s packets enter the network.', [], { isBidirectional: false, isEncrypted: false, isPublicNetwork: true, protocol: protocolName(surface) }), false, true));
    }
  }
  const gone = reviewed.filter((r) => r.flag === 'no-longer-found').length;
  const owners = [...new Set((s.review?.decisions ?? []).map((d) => d.owner).filter((o) => o !== ''))].sort();
  const description = [
    s.description,
    `Attack-surface review of scenario "${s.id}" (${protocolName(surface)}; mitigations: ${surface.mitigations.length ? surface.mitigations.join(', ') : 'none beyond the protocol'}; sweep version ${surface.version}). Each threat is a failure the MPTCP Threat Lab engine's monitors found when an attacker of one class stood at one place.`,
    ...(gone ? [`${gone} review decision${gone === 1 ? '' : 's'} refer${gone === 1 ? 's' : ''} to findings this sweep no longer shows; the review report lists them.`] : []),
  ]
    .filter((p) => p !== '')
    .join('\n\n');
  return {
    version: THREAT_DRAGON_VERSION,
    summary: { title: s.title, owner: owners.join(', '), description, id: 0 },
    detail: {
      contributors: owners.map((name) => ({ name })),
      diagrams: [{ id: 0, title: `${s.title}: attack surface`, diagramType: 'STRIDE', placeholder: 'New STRIDE diagram description', thumbnail: './public/content/images/thumbnail.stride.jpg', version: THREAT_DRAGON_VERSION, description: `Topology of "${s.id}"; threats sit where the attacker stands.`, cells }],
      diagramTop: 1,
      reviewer: '',
      threatTop: found.length,
    },
  };
}
