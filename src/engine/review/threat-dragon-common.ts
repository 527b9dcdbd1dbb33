/**
 * What the two threat-model exports (Threat Dragon, Open Threat Model)
 * share: the topology's elements in a stable order with a position each,
 * each finding read as sentences (attack, attacker class, what the engine
 * found, the decision, which mitigation sets stop it), and ids derived from
 * names by hashing, so the same scenario and run give the same document.
 * No clock and no randomness: an id is a function of what it names.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { attackInfo } from '../attacks/catalog.ts';
import { toHex } from '../core/hex.ts';
import { utf8Bytes } from '../core/utf8.ts';
import { failureInfo, type StrideCategory } from '../monitors/failure-catalog.ts';
import { MATRIX_VARIANTS } from '../runner/matrix.ts';
import type { ReviewDecision, ReviewSeverity, Scenario } from '../scenario/types.ts';
import type { Finding, ReviewedFinding } from './findings.ts';
import { OFF_PATH, offPathEntry, type SurfacePlaceKind } from './surface-plan.ts';
import type { SurfaceResult } from './surface.ts';
import type { TradeoffResult, TradeoffRow } from './tradeoff-types.ts';

/** A UUID-shaped id (RFC 9562 version 8: name-based, custom hash) from a name: the same name, the same id. */
export function stableUuid(name: string): string {
  const h = toHex(sha256(utf8Bytes(`mptcp-threat-lab:${name}`)));
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export type NodeKind = 'host' | 'router' | 'nat' | 'middlebox';

export interface ModelNode {
  id: string;
  kind: NodeKind;
  name: string;
  /** A host that only starts traffic (a client): an external entity rather than a process. */
  initiatorOnly: boolean;
  x: number;
  y: number;
}

export interface ModelLink {
  id: string;
  a: string;
  b: string;
}

const COLUMN_PX = 240;
const ROW_PX = 160;
const MARGIN_PX = 60;

const nodeOf = (end: string) => end.slice(0, end.indexOf('.') < 0 ? end.length : end.indexOf('.'));

function savedPosition(s: Scenario, id: string): { x: number; y: number } | null {
  const positions = s.ui?.['positions'];
  if (typeof positions !== 'object' || positions === null) return null;
  const p = (positions as Record<string, unknown>)[id];
  if (typeof p !== 'object' || p === null) return null;
  const { x, y } = p as { x?: unknown; y?: unknown };
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null;
}

/**
 * Hosts, routers, NATs and middleboxes in scenario order, each where the
 * user put it (`ui.positions`) or, without a saved position, in a column by
 * its hop distance from the first host that starts traffic (clients left,
 * servers right), one row per node in a column.
 */
export function modelNodes(s: Scenario): ModelNode[] {
  const sources = new Set(s.traffic.map((t) => t.from));
  const sinks = new Set(s.traffic.map((t) => t.to));
  const all: { id: string; kind: NodeKind; label: string | undefined }[] = [
    ...s.hosts.map((h) => ({ id: h.id, kind: 'host' as const, label: h.label })),
    ...s.routers.map((r) => ({ id: r.id, kind: 'router' as const, label: r.label })),
    ...s.nats.map((n) => ({ id: n.id, kind: 'nat' as const, label: n.label })),
    ...s.middleboxes.map((m) => ({ id: m.id, kind: 'middlebox' as const, label: m.label })),
  ];
  const neighbours = new Map<string, string[]>(all.map((n) => [n.id, []]));
  for (const l of s.links) {
    neighbours.get(nodeOf(l.a))?.push(nodeOf(l.b));
    neighbours.get(nodeOf(l.b))?.push(nodeOf(l.a));
  }
  const start = s.traffic[0]?.from ?? s.hosts[0]?.id;
  const hops = new Map<string, number>();
  if (start !== undefined && neighbours.has(start)) {
    hops.set(start, 0);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      for (const next of neighbours.get(queue[i]!) ?? []) {
        if (!hops.has(next)) {
          hops.set(next, hops.get(queue[i]!)! + 1);
          queue.push(next);
        }
      }
    }
  }
  const farthest = Math.max(0, ...hops.values());
  const rowsUsed = new Map<number, number>();
  return all.map((n) => {
    const column = hops.get(n.id) ?? farthest + 1;
    const row = rowsUsed.get(column) ?? 0;
    rowsUsed.set(column, row + 1);
    const at = savedPosition(s, n.id) ?? { x: MARGIN_PX + column * COLUMN_PX, y: MARGIN_PX + row * ROW_PX };
    return { id: n.id, kind: n.kind, name: n.label ?? n.id, initiatorOnly: n.kind === 'host' && sources.has(n.id) && !sinks.has(n.id), x: Math.round(at.x), y: Math.round(at.y) };
  });
}

/** Links whose both ends are nodes of the scenario (the validator guarantees it for a loaded one). */
export function modelLinks(s: Scenario, nodes: readonly ModelNode[]): ModelLink[] {
  const ids = new Set(nodes.map((n) => n.id));
  return s.links.map((l) => ({ id: l.id, a: nodeOf(l.a), b: nodeOf(l.b) })).filter((l) => ids.has(l.a) && ids.has(l.b));
}

/** Where the off-path attacker's element goes: below everything, under the node its packets come in through. */
export function offPathPosition(s: Scenario, nodes: readonly ModelNode[]): { x: number; y: number; entryNode: string | null } {
  const entry = offPathEntry(s);
  const entryNode = nodes.find((n) => n.id === entry) ?? null;
  const y = Math.max(MARGIN_PX, ...nodes.map((n) => n.y)) + ROW_PX;
  return { x: entryNode?.x ?? MARGIN_PX, y, entryNode: entryNode?.id ?? null };
}

/** The findings of the run, each with its decision (decisions whose finding this run no longer shows are left to the report). */
export function foundFindings(reviewed: readonly ReviewedFinding[]): (ReviewedFinding & { finding: Finding })[] {
  return reviewed.filter((r): r is ReviewedFinding & { finding: Finding } => r.finding !== null);
}

export function attackName(f: Finding): string {
  const variant = f.row.variant ? MATRIX_VARIANTS.find((v) => v.attack === f.row.attack && v.id === f.row.variant) : undefined;
  return variant?.label ?? attackInfo(f.row.attack).label;
}

const WINDOW_TEXT: Record<string, string> = { handshake: 'during the initial handshake', join: 'during the first MP_JOIN exchange', data: 'during the data transfer' };

/** "an active attacker on path for part of the run, during the data transfer". */
export function attackerClassText(c: Pick<ReviewDecision, 'location' | 'capability' | 'window'>): string {
  const who = c.capability === 'active' ? 'an active attacker' : 'an eavesdropper';
  if (c.location === 'off-path') return `${who} off path`;
  if (c.location === 'on-path') return `${who} on path for the whole run`;
  return `${who} on path for part of the run${c.window ? `, ${WINDOW_TEXT[c.window]}` : ''}`;
}

/** The class in a few words, for a title: "active, on path during the handshake". */
export function shortClassText(c: Pick<ReviewDecision, 'location' | 'capability' | 'window'>): string {
  const where = c.location === 'on-path' ? 'on path' : c.location === 'off-path' ? 'off path' : `on path during the ${c.window ?? 'run'}`;
  return `${c.capability === 'active' ? 'active' : 'eavesdropper'}, ${where}`;
}

export function placeText(kind: SurfacePlaceKind, place: string): string {
  if (kind === 'off-path') return 'off path (anywhere it can send spoofed packets from)';
  return kind === 'link' ? `link "${place}"` : `router "${place}" (all its links)`;
}

export function placeKindOf(s: Scenario, place: string): SurfacePlaceKind {
  if (place === OFF_PATH) return 'off-path';
  return s.routers.some((r) => r.id === place) ? 'router' : 'link';
}

export function severityOf(r: ReviewedFinding & { finding: Finding }): ReviewSeverity {
  return r.decision?.severity ?? r.finding.defaultSeverity;
}

export function strideOf(f: Finding): StrideCategory {
  return failureInfo(f.failure).stride;
}

/** What the engine found, in sentences: the attack, where the attacker stood, the failure, and whether single-path TCP suffers it too. */
export function findingText(f: Finding): string {
  const info = failureInfo(f.failure);
  const lines = [
    `${attackName(f)} (${f.row.variant ? `${f.row.attack}:${f.row.variant}` : f.row.attack}) by ${attackerClassText(f.row)}, at ${placeText(f.row.placeKind, f.row.place)}.`,
    `The engine found: ${info.name} (${f.failure}, STRIDE ${info.stride}), ${f.mptcpSpecific ? 'MPTCP-specific: single-path TCP with the same attacker does not suffer it' : 'inherited: single-path TCP with the same attacker suffers it too'}.`,
  ];
  const amplification = f.row.amplification[f.failure];
  if (amplification !== undefined) lines.push(`Measured amplification: ${amplification}.`);
  if (f.row.cutShort) lines.push('The run was cut short by a limit: its verdicts cover part of it.');
  return lines.join('\n');
}

/** The decision, in a sentence; an accepted risk says so in words, whatever status the target format has for it. */
export function decisionText(d: ReviewDecision | null): string {
  if (!d) return 'Review: no decision yet (open, default severity).';
  const by = d.owner ? ` by ${d.owner}` : '';
  const status = d.status === 'accepted' ? 'ACCEPTED RISK: the failure remains and the reviewer accepted it' : d.status === 'not-applicable' ? 'not applicable here' : d.status;
  return `Review${by}: ${status}, severity ${d.severity}.`;
}

export function setName(mitigations: readonly string[]): string {
  return mitigations.length ? mitigations.join(' + ') : 'the defaults (no extra mitigation)';
}

/** The trade-off rows whose set stops the finding, cheapest first as the table lists them. */
export function stoppingRows(key: string, tradeoffs: TradeoffResult | null): TradeoffRow[] {
  return tradeoffs ? tradeoffs.rows.filter((r) => r.stopped.includes(key)) : [];
}

/** Which mitigation sets stop the finding, as measured by re-running its row (or why none does). */
export function tradeoffText(key: string, tradeoffs: TradeoffResult | null): string {
  if (!tradeoffs) return 'Mitigation trade-offs not computed.';
  if (tradeoffs.unstoppable.includes(key)) return 'No mitigation set that keeps the scenario\'s joins working stops it.';
  const cheapest = tradeoffs.cheapest;
  const rows = stoppingRows(key, tradeoffs);
  const parts: string[] = [];
  if (cheapest && cheapest.stopped.includes(key)) parts.push(`The cheapest set that stops every stoppable finding, ${setName(cheapest.mitigations)}, stops it.`);
  const others = rows.filter((r) => r !== cheapest).map((r) => setName(r.mitigations));
  if (others.length) parts.push(`Also stopped by: ${others.join('; ')}.`);
  if (parts.length === 0) parts.push('None of the mitigation sets measured stops it.');
  return parts.join(' ');
}

/** The mitigation text of a finding: the reviewer's comment, then which sets stop it. */
export function mitigationText(r: ReviewedFinding & { finding: Finding }, tradeoffs: TradeoffResult | null): string {
  const comment = r.decision?.comment ? `Reviewer: ${r.decision.comment}\n` : '';
  return `${comment}${tradeoffText(r.key, tradeoffs)}`;
}

/** The protocol as a data flow names it. */
export function protocolName(surface: SurfaceResult): string {
  return surface.protocol === 'tcp' ? 'TCP' : surface.protocol === 'mptcp-v0' ? 'MPTCP v0 (RFC 6824)' : 'MPTCP v1 (RFC 8684)';
}
