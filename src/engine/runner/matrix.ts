/**
 * The attack matrix: every attack against every attacker class that can
 * follow it, for v0 and v1, with the version's default mitigations, each
 * extra mitigation alone, and all of them together. Each row runs the
 * attack's built-in scenario with that class and those mitigations (and,
 * for the few attack-parameter variants in MATRIX_VARIANTS, the same
 * scenario with the variant's parameters), and
 * reports the failures the monitors found (and which are MPTCP's own),
 * whether the attacker acted at all, its guesses, the amplification of
 * each failure that has one, the baseline that labelled them, and what the
 * attacker knew. A partial-time attacker runs once per protocol phase its
 * window covers (security-model.md §4): the MP_CAPABLE handshake, the first
 * MP_JOIN exchange, and the data transfer after the joins.
 *
 * Pure, like every engine function: wall time comes from the caller.
 */
import { ATTACKS } from '../attacks/catalog.ts';
import type { KnownCategory } from '../attacks/knowledge.ts';
import type { FailureId } from '../monitors/monitor.ts';
import { builtinScenario } from '../scenario/builtin/index.ts';
import type { AttackerCapability, AttackerLocation, AttackerSpec, AttackId, HostMitigation, Scenario, TimeWindow } from '../scenario/types.ts';
import { attackFreeRun, runScenario, type BaselineCache } from './run-scenario.ts';

export type MatrixProtocol = 'v0' | 'v1';
export type MatrixWindow = 'handshake' | 'join' | 'data';
/** The extra mitigations a row can switch on: the host ones, and the AES-CMAC MAC what-if. */
export type MatrixMitigation = HostMitigation | 'aes-cmac';

export const MATRIX_MITIGATIONS: readonly MatrixMitigation[] = ['add-addr-hmac', 'stateless-join', 'half-open-limit', 'syn-cookies', 'address-bound-join-hmac', 'tls', 'dh-keys', 'remove-addr-probe', 'aes-cmac'];

/**
 * An attack run a second time with other parameters, where the built-in
 * scenario's defaults never reach what a mitigation is about. A variant
 * runs with the version's defaults and each of its own mitigations alone;
 * a mitigation a variant names runs alone only there (it changes nothing
 * the other rows do), and with all the others everywhere.
 */
export interface MatrixVariant {
  attack: AttackId;
  id: string;
  label: string;
  params: Record<string, string | number>;
  mitigations: readonly MatrixMitigation[];
}

export const MATRIX_VARIANTS: readonly MatrixVariant[] = [
  // blind-reset's scenario forges RSTs; the REMOVE_ADDR it can forge instead is what remove-addr-probe checks (RFC 8684 §3.4.2).
  { attack: 'blind-reset', id: 'remove-addr', label: 'Reset injection (REMOVE_ADDR)', params: { method: 'remove-addr' }, mitigations: ['remove-addr-probe'] },
];

/** A row's attack as the tables name it: the attack id, with its variant after a colon. */
export function matrixAttackKey(cell: Pick<MatrixCell, 'attack' | 'variant'>): string {
  return cell.variant ? `${cell.attack}:${cell.variant}` : cell.attack;
}

/** The extra mitigations a row group runs alone: a variant's own, or those no variant claims. */
export function matrixExtrasFor(attack: AttackId, variant: string | undefined, extras: readonly MatrixMitigation[] = MATRIX_MITIGATIONS): MatrixMitigation[] {
  if (variant !== undefined) {
    const v = MATRIX_VARIANTS.find((x) => x.attack === attack && x.id === variant);
    return extras.filter((m) => v?.mitigations.includes(m));
  }
  return extras.filter((m) => !MATRIX_VARIANTS.some((x) => x.mitigations.includes(m)));
}

export interface MatrixCell {
  attack: AttackId;
  /** One of MATRIX_VARIANTS for this attack: its parameters replace the scenario's. */
  variant?: string;
  location: AttackerLocation;
  capability: AttackerCapability;
  window: MatrixWindow | null;
  protocol: MatrixProtocol;
  /** Every mitigation in effect, the version's own included (v1 always has add-addr-hmac). */
  mitigations: MatrixMitigation[];
  scenario: string;
  /** Guesses an off-path attacker may send (default OFF_PATH_GUESS_BUDGET). */
  guessBudget?: number;
}

export interface MatrixRow extends MatrixCell {
  failures: FailureId[];
  mptcpSpecific: FailureId[];
  /** Failures single-path TCP with the same attacker suffered and MPTCP was spared. */
  tcpOnly: FailureId[];
  /**
   * The attacker acted: it sent, dropped or rewrote a packet (an
   * eavesdropper: it saw one). False is "not attempted" — nothing in its
   * window, no budget, nothing it needed — which is not "defended".
   */
  attempted: boolean;
  /** Guessed packets it sent, and how many a blind attempt would need on average (null when it needed none). */
  guessesUsed: number;
  expectedGuesses: number | null;
  /** The measured amplification of each failure that has one (target or state bytes per attacker byte). */
  amplification: Partial<Record<FailureId, number>>;
  /** The single-path baseline that ran to label the failures (null when none ran). */
  baseline: string | null;
  attackerKnew: KnownCategory[];
  runMs: number;
}

export interface MatrixPlanOptions {
  attacks?: readonly AttackId[];
  protocols?: readonly MatrixProtocol[];
  /** Which extra mitigations to try (alone and all together); default all. */
  mitigations?: readonly MatrixMitigation[];
  /** Guesses each off-path attacker may send (default OFF_PATH_GUESS_BUDGET). */
  guessBudget?: number;
}

const CLASSES: { location: AttackerLocation; capability: AttackerCapability; window: MatrixWindow | null }[] = [
  { location: 'off-path', capability: 'active', window: null },
  { location: 'partial-time-on-path', capability: 'eavesdropper', window: 'handshake' },
  { location: 'partial-time-on-path', capability: 'active', window: 'handshake' },
  { location: 'partial-time-on-path', capability: 'eavesdropper', window: 'join' },
  { location: 'partial-time-on-path', capability: 'active', window: 'join' },
  { location: 'partial-time-on-path', capability: 'eavesdropper', window: 'data' },
  { location: 'partial-time-on-path', capability: 'active', window: 'data' },
  { location: 'on-path', capability: 'eavesdropper', window: null },
  { location: 'on-path', capability: 'active', window: null },
];

/** The class columns of the matrix, in table order. */
export const MATRIX_CLASSES = CLASSES;

/** The built-in scenario a row runs: the attack's own, in v0 when there is one. */
export function matrixScenarioId(attack: AttackId, protocol: MatrixProtocol): string {
  const v0 = `attack-${attack}-v0`;
  return protocol === 'v0' && builtinScenario(v0) ? v0 : `attack-${attack}`;
}

export function planMatrix(o: MatrixPlanOptions = {}): MatrixCell[] {
  const attacks = o.attacks ?? ATTACKS.map((a) => a.id);
  const protocols = o.protocols ?? ['v0', 'v1'];
  const extras = o.mitigations ?? MATRIX_MITIGATIONS;
  const cells: MatrixCell[] = [];
  for (const attack of attacks) {
    const info = ATTACKS.find((a) => a.id === attack)!;
    const groups = [undefined, ...MATRIX_VARIANTS.filter((v) => v.attack === attack).map((v) => v.id)];
    for (const variant of groups) {
      const own = matrixExtrasFor(attack, variant, extras);
      for (const protocol of protocols) {
        const base: MatrixMitigation[] = protocol === 'v1' ? ['add-addr-hmac'] : [];
        // The version's defaults, each extra alone (add-addr-hmac is no extra in v1), all together (every extra asked for).
        const alone = own.filter((m) => !base.includes(m));
        const sets: MatrixMitigation[][] = [base, ...alone.map((m) => [...base, m])];
        if (alone.length > 1) sets.push([...base, ...extras.filter((m) => !base.includes(m))]);
        for (const mitigations of sets) {
          for (const c of CLASSES) {
            if (c.capability === 'eavesdropper' && info.needsActive) continue;
            cells.push({ attack, ...(variant !== undefined ? { variant } : {}), ...c, protocol, mitigations, scenario: matrixScenarioId(attack, protocol), ...(o.guessBudget !== undefined && c.location === 'off-path' ? { guessBudget: o.guessBudget } : {}) });
          }
        }
      }
    }
  }
  return cells;
}

/**
 * Guessed packets an off-path attacker may send in a row by default. Every
 * guess is a real packet through the hosts' real checks, so the budget is
 * the sweep's largest cost: 250 keeps the whole sweep within seconds, and
 * the chance within it is reported beside RFC 7430's arithmetic (any budget
 * a real attacker has is as far from enough). `lab matrix --guess-budget N`
 * sweeps with another.
 */
export const OFF_PATH_GUESS_BUDGET = 250;

/** The row's scenario: the built-in, with the row's protocol, mitigations and attacker class. */
export function matrixScenario(cell: MatrixCell, cache: BaselineCache): Scenario {
  const s = builtinScenario(cell.scenario)!;
  const hostMitigations = cell.mitigations.filter((m): m is HostMitigation => m !== 'aes-cmac');
  const base: Scenario = {
    ...s,
    protocol: cell.protocol === 'v0' ? 'mptcp-v0' : 'mptcp-v1',
    mptcp: {
      ...s.mptcp,
      // v1's ADD_ADDR HMAC is the protocol's own; the host setting names the v0 what-if.
      mitigations: cell.protocol === 'v1' ? hostMitigations.filter((m) => m !== 'add-addr-hmac') : hostMitigations,
      macAlgorithm: cell.mitigations.includes('aes-cmac') ? 'aes-cmac' : 'version-default',
      halfOpenJoinLimit: null,
    },
    attackers: [],
  };
  const a = s.attackers[0]!;
  const variant = MATRIX_VARIANTS.find((v) => v.attack === cell.attack && v.id === cell.variant);
  const attacker: AttackerSpec = { ...a, location: cell.location, capability: cell.capability, params: { ...a.params, ...variant?.params } };
  delete attacker.window;
  // Blind, it tries for real: the same budget of guesses in every row, sent from the
  // router in front of the service (where a packet from anywhere on the Internet would arrive).
  if (cell.location === 'off-path') {
    attacker.guessBudget = cell.guessBudget ?? OFF_PATH_GUESS_BUDGET;
    const front = serviceRouter(s);
    if (front) attacker.at = [front];
  }
  if (cell.window) {
    const w = windowFor(base, cell.window, cache);
    attacker.window = w;
    // Arriving for the transfer, it strikes once it has seen some of it; arriving for a join, from when it is there.
    const atUs = attacker.params.atUs;
    if (typeof atUs === 'number') {
      if (cell.window === 'data') attacker.params.atUs = Math.max(atUs, w.fromUs + 30_000);
      if (cell.window === 'join') attacker.params.atUs = Math.max(atUs, w.fromUs);
    }
  }
  return { ...base, attackers: [attacker] };
}

/** The router on the link to the interface that holds the first service address, if there is one. */
export function serviceRouter(s: Scenario): string | null {
  const t = s.traffic[0];
  const server = t && s.hosts.find((h) => h.id === t.to);
  if (!t || !server) return null;
  const iface = server.interfaces.find((i) => !t.toAddress || i.addresses.some((a) => a.split('/')[0] === t.toAddress)) ?? server.interfaces[0]!;
  const end = `${server.id}.${iface.id}`;
  const routers = new Set(s.routers.map((r) => r.id));
  for (const l of s.links) {
    const other = l.a === end ? l.b : l.b === end ? l.a : null;
    const node = other?.split('.')[0];
    if (node && routers.has(node)) return node;
  }
  return null;
}

/**
 * A partial-time window by protocol phase, read off the attacker-free run
 * (security-model.md §4): 'handshake' from the start until the server has
 * the client's key (the MP_CAPABLE third ACK went by: RFC 7430 §5);
 * 'join' from the first SYN+MP_JOIN until that join is established (its
 * fourth ACK: §3 reads the token there, §6 rewrites the SYN); 'data' from
 * 10 ms after the last join for 150 ms of the transfer (§2's sequence
 * numbers). A run without joins has its 'join' window where the first one
 * would be: right after the handshake.
 */
export function windowFor(s: Scenario, w: MatrixWindow, cache: BaselineCache): TimeWindow {
  // Its run is the attack-free baseline the row's monitors will want too.
  const free = attackFreeRun(s, { cache });
  const h = free.events.find((e) => e.kind === 'mptcp-fully-established')?.timeUs ?? 50_000;
  if (w === 'handshake') return { fromUs: 0, toUs: h + 1 };
  const opened = free.events.find((e) => e.kind === 'mptcp-join-open')?.timeUs ?? h + 1;
  const done = free.events.filter((e) => e.kind === 'mptcp-join-established').map((e) => e.timeUs);
  if (w === 'join') return { fromUs: opened, toUs: (done[0] ?? opened + 20_000) + 1 };
  const last = done.at(-1) ?? h;
  return { fromUs: last + 10_000, toUs: last + 160_000 };
}

/** A row's relative cost, for dealing rows to workers: the bytes its scenario moves. */
export function matrixCellWeight(cell: MatrixCell): number {
  const s = builtinScenario(cell.scenario);
  return s ? s.traffic.reduce((n, t) => n + (t.kind === 'bulk' ? t.bytes : t.count * (t.requestBytes + t.responseBytes)), 0) : 1;
}

/**
 * How many workers a sweep can use: no more than asked, than the cores that
 * run them, or than the groups `dealMatrixCells` deals (rows of one attack
 * stay together), so 64 workers are never started for 14 rows of one attack.
 */
export function matrixWorkerCount(requested: number, cells: readonly MatrixCell[], cores: number): number {
  const groups = new Set(cells.map((c) => c.attack)).size;
  return Math.max(1, Math.min(requested, Math.max(1, cores), groups));
}

/**
 * The rows each of `workers` workers runs. Rows of one attack share their
 * baselines (v0 and v1 the same single-path TCP one), so they go to the same
 * worker; groups are dealt heaviest first (by the bytes their scenarios
 * move) to the least loaded worker. `index` is the row's place in `cells`.
 */
export function dealMatrixCells(cells: readonly MatrixCell[], workers: number): { index: number; cell: MatrixCell }[][] {
  const groups = new Map<string, { index: number; cell: MatrixCell }[]>();
  cells.forEach((cell, index) => {
    const group = groups.get(cell.attack) ?? [];
    group.push({ index, cell });
    groups.set(cell.attack, group);
  });
  const weighed = [...groups.values()].map((rows) => ({ rows, weight: rows.reduce((n, x) => n + matrixCellWeight(x.cell), 0) }));
  const shares = Array.from({ length: Math.max(1, workers) }, () => ({ load: 0, rows: [] as { index: number; cell: MatrixCell }[] }));
  for (const g of weighed.sort((a, b) => b.weight - a.weight)) {
    const least = shares.reduce((min, sh) => (sh.load < min.load ? sh : min));
    least.rows.push(...g.rows);
    least.load += g.weight;
  }
  return shares.map((sh) => sh.rows);
}

export function newBaselineCache(): BaselineCache {
  return { attackFree: new Map(), tcp: new Map(), pieces: new WeakMap() };
}

/** Runs one row. `now` is the caller's wall clock (ms), only to report how long the row took. */
export function runMatrixCell(cell: MatrixCell, cache: BaselineCache, now: () => number): MatrixRow {
  const t0 = now();
  const s = matrixScenario(cell, cache);
  const r = runScenario(s, { trace: 'count', cache });
  const failures = [...new Set(r.failures.map((f) => f.id))];
  const mptcpSpecific = [...new Set(r.failures.filter((f) => f.mptcpSpecific).map((f) => f.id))];
  const amplification: Partial<Record<FailureId, number>> = {};
  for (const f of r.failures) if (f.amplification && amplification[f.id] === undefined) amplification[f.id] = Math.round(f.amplification.value * 1000) / 1000;
  const a = r.attackers[0];
  return {
    ...cell,
    failures,
    mptcpSpecific,
    tcpOnly: r.tcpOnly ?? [],
    attempted: a?.attempted ?? false,
    guessesUsed: a?.guessesUsed ?? 0,
    expectedGuesses: a?.expectedGuesses?.guesses ?? null,
    amplification,
    baseline: r.baselines.singlePath,
    attackerKnew: a?.knew ?? [],
    runMs: Math.round((now() - t0) * 100) / 100,
  };
}
