/**
 * Edits to a scenario as change objects (DESIGN.md §6): data that says what
 * changed, applied by one pure function, so undo and redo keep batches of
 * them and every view edits the same way. Validity is the engine's to judge:
 * the app runs the edited document, and a refused one keeps the work.
 */
import { findingKey, type ActionSpec, type AttackerSpec, type EndpointAction, type HostMitigation, type InterfaceSpec, type LinkSpec, type Protocol, type ReviewDecision, type Scenario, type TimeWindow } from '../../engine/index.ts';

export type LinkPatch = Partial<Pick<LinkSpec, 'delayUs' | 'bandwidthBps' | 'lossRate' | 'queuePackets' | 'mtuBytes'>>;
export type AttackerPatch = Partial<Pick<AttackerSpec, 'label' | 'capability' | 'attack' | 'location' | 'at' | 'params' | 'guessBudget' | 'address'>>;

export type ScenarioChange =
  | { kind: 'set-protocol'; protocol: Protocol }
  | { kind: 'set-mitigations'; mitigations: HostMitigation[] }
  | { kind: 'set-link'; id: string; patch: LinkPatch }
  | { kind: 'move-node'; id: string; x: number; y: number }
  | { kind: 'place-attacker'; attacker: AttackerSpec }
  | { kind: 'update-attacker'; id: string; patch: AttackerPatch }
  | { kind: 'remove-attacker'; id: string }
  /** A window makes the attacker partial-time on-path; null makes it on-path for the whole run. */
  | { kind: 'set-window'; id: string; window: TimeWindow | null }
  /** A host or router without interfaces (the engine refuses it until a link gives it one), at (x, y). */
  | { kind: 'add-node'; node: EditableNodeKind; id: string; x: number; y: number }
  /** A link between two hosts or routers (node ids), each end a new interface in a fresh 198.18.K.0/24. */
  | { kind: 'add-link'; id: string; a: string; b: string }
  /** The link, the interfaces only it used, and attackers left with no place. */
  | { kind: 'remove-link'; id: string }
  /** The node, its links (as remove-link), its position, and attackers left with no place. Traffic naming it stays. */
  | { kind: 'remove-node'; id: string }
  /**
   * A reviewer's decision about a finding, replacing the one with its key
   * (`findingKey`); `findings` (keys) are the findings on screen, which
   * become the reviewed ones, so a later run flags only others as new.
   */
  | { kind: 'set-review-decision'; decision: ReviewDecision; findings: string[] }
  /** The decision with this key goes (a finding no longer found, or one decided by mistake). */
  | { kind: 'remove-review-decision'; key: string }
  /** The findings (keys) were seen without a decision: a later run no longer flags them as new. */
  | { kind: 'mark-reviewed'; findings: string[] };

/** The nodes an edit can add and connect: NATs and middleboxes have fixed interfaces. */
export type EditableNodeKind = 'host' | 'router';

/** What a new link gets; the link editor changes it afterwards. */
export const NEW_LINK: Readonly<Omit<LinkSpec, 'id' | 'a' | 'b'>> = { delayUs: 5000, bandwidthBps: 10_000_000, lossRate: 0, queuePackets: 100, mtuBytes: 1500 };

/** Changes that only flip the switches a short share link can name (protocol, mitigations). */
export function isSwitchChange(c: ScenarioChange): boolean {
  return c.kind === 'set-protocol' || c.kind === 'set-mitigations';
}

/** Review edits: the engine's runs ignore the `review` section. */
export function isReviewChange(c: ScenarioChange): boolean {
  return c.kind === 'set-review-decision' || c.kind === 'remove-review-decision' || c.kind === 'mark-reviewed';
}

/** Whether a change can change the run (moving a node only changes `ui`, and a review decision only `review`, which the engine ignores; adding or removing a node does not). */
export function changesRun(c: ScenarioChange): boolean {
  return c.kind !== 'move-node' && !isReviewChange(c);
}

export function applyChange(s: Scenario, c: ScenarioChange): Scenario {
  switch (c.kind) {
    case 'set-protocol':
      return { ...s, protocol: c.protocol };
    case 'set-mitigations':
      return { ...s, mptcp: { ...s.mptcp, mitigations: [...c.mitigations] } };
    case 'set-link':
      return { ...s, links: s.links.map((l) => (l.id === c.id ? { ...l, ...c.patch } : l)) };
    case 'move-node':
      return withPosition(s, c.id, c);
    case 'place-attacker':
      return { ...s, attackers: [...s.attackers.filter((a) => a.id !== c.attacker.id), c.attacker] };
    case 'update-attacker':
      return { ...s, attackers: s.attackers.map((a) => (a.id === c.id ? { ...a, ...c.patch } : a)) };
    case 'remove-attacker':
      return { ...s, attackers: s.attackers.filter((a) => a.id !== c.id) };
    case 'set-window':
      return {
        ...s,
        attackers: s.attackers.map((a) => {
          if (a.id !== c.id) return a;
          if (c.window === null) {
            const { window: _drop, ...rest } = a;
            return { ...rest, location: a.location === 'off-path' ? 'off-path' : 'on-path' };
          }
          return { ...a, location: 'partial-time-on-path', window: { fromUs: Math.round(c.window.fromUs), toUs: Math.round(c.window.toUs) } };
        }),
      };
    case 'add-node':
      return addNode(s, c.node, c.id, c);
    case 'add-link':
      return addLink(s, c.id, c.a, c.b);
    case 'remove-link':
      return removeLinks(s, [c.id]);
    case 'remove-node':
      return removeNode(s, c.id);
    case 'set-review-decision':
      return setDecision(s, c.decision, c.findings);
    case 'remove-review-decision':
      return removeDecision(s, c.key);
    case 'mark-reviewed':
      return markReviewed(s, c.findings);
  }
}

export function applyChanges(s: Scenario, changes: readonly ScenarioChange[]): Scenario {
  return changes.reduce(applyChange, s);
}

/** What an undo or redo menu says about a batch. */
export function describeChanges(changes: readonly ScenarioChange[]): string {
  const c = changes[0];
  if (!c) return 'nothing';
  switch (c.kind) {
    case 'set-protocol':
      return `protocol ${c.protocol}`;
    case 'set-mitigations':
      return 'mitigations';
    case 'set-link':
      return `link ${c.id}`;
    case 'move-node':
      return `move ${c.id}`;
    case 'place-attacker':
      return `place ${c.attacker.label ?? c.attacker.id}`;
    case 'update-attacker':
      return `edit attacker ${c.id}`;
    case 'remove-attacker':
      return `remove attacker ${c.id}`;
    case 'set-window':
      return `window of ${c.id}`;
    case 'add-node':
      return `add ${c.node} ${c.id}`;
    case 'add-link':
      return `connect ${c.a} and ${c.b}`;
    case 'remove-link':
      return `remove link ${c.id}`;
    case 'remove-node':
      return `remove ${c.id}`;
    case 'set-review-decision':
      return `review of ${c.decision.failure} (${c.decision.attack} at ${c.decision.place})`;
    case 'remove-review-decision':
      return 'remove a review decision';
    case 'mark-reviewed':
      return 'mark findings reviewed';
  }
}

/** "host-1", "router-2", ...: the first id no node or link has. */
export function freshNodeId(s: Scenario, kind: EditableNodeKind): string {
  return firstFree(takenIds(s), (n) => `${kind}-${n}`, 1);
}

/** "a-b", or "a-b-2", "a-b-3", ... when that id is taken. */
export function freshLinkId(s: Scenario, a: string, b: string): string {
  return firstFree(takenIds(s), (n) => (n === 1 ? `${a}-${b}` : `${a}-${b}-${n}`), 1);
}

type Positions = Record<string, { x: number; y: number }>;
type EditableNode = Scenario['hosts'][number] | Scenario['routers'][number];

const positionsOf = (s: Scenario): Positions => (s.ui?.positions as Positions | undefined) ?? {};
const allNodes = (s: Scenario) => [...s.hosts, ...s.routers, ...s.nats, ...s.middleboxes];
const takenIds = (s: Scenario) => new Set([...allNodes(s).map((n) => n.id), ...s.links.map((l) => l.id)]);
/** "client.eth0" → "client" and "eth0" (ids never contain a dot). */
const nodeOf = (end: string) => end.split('.')[0]!;
const ifaceOf = (end: string) => end.slice(end.indexOf('.') + 1);

function firstFree(taken: ReadonlySet<string>, name: (n: number) => string, from: number): string {
  let n = from;
  while (taken.has(name(n))) n++;
  return name(n);
}

function withPosition(s: Scenario, id: string, p: { x: number; y: number }): Scenario {
  const ui = s.ui ?? {};
  return { ...s, ui: { ...ui, positions: { ...positionsOf(s), [id]: { x: Math.round(p.x), y: Math.round(p.y) } } } };
}

/** Maps the host or router `id` (the others stay the same objects). */
function mapEditable(s: Scenario, id: string, f: (n: EditableNode) => EditableNode): Scenario {
  const hosts = s.hosts.map((h) => (h.id === id ? (f(h) as typeof h) : h));
  const routers = s.routers.map((r) => (r.id === id ? f(r) : r));
  return { ...s, hosts, routers };
}

function addNode(s: Scenario, kind: EditableNodeKind, id: string, p: { x: number; y: number }): Scenario {
  if (takenIds(s).has(id)) return s;
  const node = { id, interfaces: [] };
  const added = kind === 'host' ? { ...s, hosts: [...s.hosts, node] } : { ...s, routers: [...s.routers, node] };
  return withPosition(added, id, p);
}

/** Third octets of the 198.18.K.0/24 networks any interface, NAT or attacker address uses. */
function usedNetworks(s: Scenario): Set<number> {
  const addresses = [
    ...allNodes(s).flatMap((n) => ('interfaces' in n ? n.interfaces : [n.inside, n.outside]).flatMap((i) => i.addresses)),
    ...s.nats.flatMap((n) => (n.publicAddress ? [n.publicAddress] : [])),
    ...s.attackers.flatMap((a) => (a.address ? [a.address] : [])),
  ];
  const used = new Set<number>();
  for (const a of addresses) {
    const m = /^198\.18\.(\d{1,3})\./.exec(a);
    if (m) used.add(Number(m[1]));
  }
  return used;
}

function addLink(s: Scenario, id: string, a: string, b: string): Scenario {
  const editable = [...s.hosts, ...s.routers];
  const ends = [editable.find((n) => n.id === a), editable.find((n) => n.id === b)];
  const used = usedNetworks(s);
  const k = Array.from({ length: 256 }, (_, i) => i).find((i) => !used.has(i));
  if (!ends[0] || !ends[1] || a === b || k === undefined || takenIds(s).has(id)) return s;
  const [ia, ib] = ends.map((n) => firstFree(new Set(n!.interfaces.map((i) => i.id)), (i) => `eth${i}`, 0));
  const attach = (t: Scenario, node: string, iface: InterfaceSpec) => mapEditable(t, node, (n) => ({ ...n, interfaces: [...n.interfaces, iface] }));
  const t = attach(attach(s, a, { id: ia!, addresses: [`198.18.${k}.1/24`] }), b, { id: ib!, addresses: [`198.18.${k}.2/24`] });
  return { ...t, links: [...t.links, { id, a: `${a}.${ia}`, b: `${b}.${ib}`, ...NEW_LINK }] };
}

/** Removes a host's or router's interface, the path-manager endpoints on its addresses and the actions naming them. */
function removeInterface(s: Scenario, end: string): Scenario {
  const node = nodeOf(end);
  const iface = [...s.hosts, ...s.routers].find((n) => n.id === node)?.interfaces.find((i) => i.id === ifaceOf(end));
  if (!iface) return s;
  const gone = new Set(iface.addresses.map((a) => a.split('/')[0]!));
  const t = mapEditable(s, node, (n) => {
    const out = { ...n, interfaces: n.interfaces.filter((i) => i !== iface) };
    if ('pathManager' in n && n.pathManager) {
      const pm = n.pathManager;
      return { ...out, pathManager: { ...pm, endpoints: pm.endpoints.filter((e) => !gone.has(e.address)) } };
    }
    return out;
  });
  return withoutActions(t, (a) => isEndpointAction(a) && a.host === node && gone.has(a.address));
}

const isEndpointAction = (a: ActionSpec): a is EndpointAction => a.kind === 'endpoint-remove' || a.kind === 'endpoint-backup';

function withoutActions(s: Scenario, drop: (a: ActionSpec) => boolean): Scenario {
  return s.actions.some(drop) ? { ...s, actions: s.actions.filter((a) => !drop(a)) } : s;
}

/** Takes `places` (link or router ids) out of every attacker's `at`; an attacker left with none goes. */
function withoutPlaces(s: Scenario, places: ReadonlySet<string>): Scenario {
  if (!s.attackers.some((a) => a.at.some((p) => places.has(p)))) return s;
  const attackers = s.attackers.flatMap((a) => {
    if (!a.at.some((p) => places.has(p))) return [a];
    const at = a.at.filter((p) => !places.has(p));
    return at.length ? [{ ...a, at }] : [];
  });
  return { ...s, attackers };
}

function removeLinks(s: Scenario, ids: readonly string[]): Scenario {
  const gone = new Set(ids.filter((id) => s.links.some((l) => l.id === id)));
  if (gone.size === 0) return s;
  const links = s.links.filter((l) => !gone.has(l.id));
  const stillUsed = new Set(links.flatMap((l) => [l.a, l.b]));
  const freed = s.links.filter((l) => gone.has(l.id)).flatMap((l) => [l.a, l.b]).filter((end) => !stillUsed.has(end));
  const t = [...new Set(freed)].reduce(removeInterface, { ...s, links });
  return withoutPlaces(withoutActions(t, (a) => (a.kind === 'link-down' || a.kind === 'link-up') && gone.has(a.link)), gone);
}

function removeNode(s: Scenario, id: string): Scenario {
  if (!allNodes(s).some((n) => n.id === id)) return s;
  const touching = s.links.filter((l) => nodeOf(l.a) === id || nodeOf(l.b) === id).map((l) => l.id);
  const t = removeLinks(s, touching);
  const { [id]: _gone, ...positions } = positionsOf(t);
  const ui = t.ui?.positions ? { ...t.ui, positions } : t.ui;
  const u: Scenario = {
    ...t,
    hosts: t.hosts.filter((n) => n.id !== id),
    routers: t.routers.filter((n) => n.id !== id),
    nats: t.nats.filter((n) => n.id !== id),
    middleboxes: t.middleboxes.filter((n) => n.id !== id),
    ...(ui ? { ui } : {}),
  };
  return withoutPlaces(withoutActions(u, (a) => isEndpointAction(a) && a.host === id), new Set([id]));
}

/** Keys sorted and without repeats, as the engine's `withDecision` keeps them. */
const reviewedWith = (reviewed: readonly string[], more: readonly string[]) => [...new Set([...reviewed, ...more])].sort();

/** Like the engine's `withDecision`, but a replaced decision keeps its place, so a saved file's diff shows one line changed. */
function setDecision(s: Scenario, decision: ReviewDecision, findings: readonly string[]): Scenario {
  const decisions = s.review?.decisions ?? [];
  const key = findingKey(decision);
  const at = decisions.findIndex((d) => findingKey(d) === key);
  const next = at < 0 ? [...decisions, { ...decision }] : decisions.map((d, i) => (i === at ? { ...decision } : d));
  return { ...s, review: { decisions: next, reviewed: reviewedWith(s.review?.reviewed ?? [], findings) } };
}

function removeDecision(s: Scenario, key: string): Scenario {
  const review = s.review;
  if (!review?.decisions.some((d) => findingKey(d) === key)) return s;
  return { ...s, review: { ...review, decisions: review.decisions.filter((d) => findingKey(d) !== key) } };
}

function markReviewed(s: Scenario, findings: readonly string[]): Scenario {
  const reviewed = s.review?.reviewed ?? [];
  if (findings.every((k) => reviewed.includes(k)) && s.review) return s;
  return { ...s, review: { decisions: s.review?.decisions ?? [], reviewed: reviewedWith(reviewed, findings) } };
}
