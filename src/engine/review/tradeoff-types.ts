/**
 * The mitigation trade-off table's shape (`tradeoffs.ts` computes it): for
 * mitigation sets of a scenario, what each costs — measured by running the
 * scenario without attackers under it — and what it stops of the surface
 * map's findings, measured by re-running the rows that found them.
 */
import type { MatrixMitigation } from '../runner/matrix.ts';

export type TradeoffKind = 'defaults' | 'alone' | 'all' | 'cheapest';

/** What a set costs, from the scenario's attacker-free run under it. */
export interface MitigationCost {
  /** SHA compression-function calls plus cipher blocks, per connection (hosts' work: handshakes, joins, ADD_ADDR, TLS records). */
  hashPerConnection: number;
  /** The server's hash and cipher work (SHA compressions plus AES blocks) for one MP_JOIN SYN: its SYN/ACK HMAC, a cookie's hashes; null when no join ran. */
  hashPerJoin: number | null;
  /** Half-open state the server held for the MP_CAPABLE SYN, in bytes (0 with SYN cookies). */
  stateBytesPerConnection: number;
  /** Half-open state it held for one MP_JOIN SYN, in bytes; null when no join ran. */
  stateBytesPerJoin: number | null;
  /** Bytes on every link during the run (headers, options and TLS records included). */
  wireBytes: number;
  /** Joins the scenario completes without the set and not with it (address-bound join HMACs break joins through a NAT). */
  joinsBroken: number;
  /** No join of the scenario's own is broken. */
  natCompatible: boolean;
}

export interface TradeoffRow {
  /** Mitigations beyond the protocol version's own (v1's ADD_ADDR HMAC is its own). */
  mitigations: MatrixMitigation[];
  kinds: TradeoffKind[];
  cost: MitigationCost;
  /** Findings of the surface map this set stops (keys as `findingKey`). */
  stopped: string[];
  /** Findings still there under this set. */
  remaining: string[];
  /** Failures this set brings that the defaults did not have (a low half-open limit turns a flood into a join DoS). */
  added: string[];
}

export interface TradeoffResult {
  scenario: string;
  /** `surfaceVersion` of the scenario. */
  version: string;
  rows: TradeoffRow[];
  /** Findings some compatible set stops: the target of the search. */
  stoppable: string[];
  /** Findings no set that keeps the scenario's joins working stops (an on-path attacker can always reset). */
  unstoppable: string[];
  /**
   * The cheapest set that stops every stoppable finding (failures it adds are in its row),
   * found by searching the sets in order of cost (hash work per
   * connection, then state, then bytes on the wire); null when none does.
   */
  cheapest: TradeoffRow | null;
  /** Sets the search ran before it found the cheapest (each checked against the findings' rows). */
  setsSearched: number;
}
