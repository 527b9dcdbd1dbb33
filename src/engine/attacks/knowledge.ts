/**
 * What an attacker knows, and since when. Every fact is recorded with the
 * time and the packet it came from (or the fact it was derived from: a
 * token and an IDSN from a key). Strategies act only on this; monitors and
 * the result read it as the attacker's ground truth.
 *
 * Facts are recorded the first time they are learned; the latest values
 * that keep changing (sequence numbers, windows, data sequence numbers) are
 * kept per flow direction in `flows`.
 */
import { hex32, hex64 } from '../core/hex.ts';
import type { IpAddress } from '../wire/ip-address.ts';

export type FactKind = 'four-tuple' | 'sequence-numbers' | 'key' | 'token' | 'idsn' | 'nonce' | 'dsn' | 'address' | 'plaintext' | 'ciphertext';

export interface Fact {
  timeUs: number;
  kind: FactKind;
  /** The value, as text: hex for keys, tokens and nonces, decimal for sequence numbers. */
  value: string;
  /** What it is about: a flow ("198.18.1.1:40000 → 198.18.1.2:8080") or a connection. */
  about: string;
  /** The packet it came from. */
  packetId: number;
  /** Index (in `facts`) of the fact it was derived from. */
  derivedFrom?: number;
}

/** What the attacker has seen of one direction of a TCP flow. */
export interface FlowView {
  src: IpAddress;
  dst: IpAddress;
  srcPort: number;
  dstPort: number;
  /** Next sequence number the sender will use (seq + payload + SYN/FIN), and its latest ACK and window. */
  nextSeq: number;
  ack: number;
  window: number;
  /** Latest timestamp value, when the sender uses timestamps. */
  tsVal: number | null;
  /** That value came on a SYN or SYN/ACK (under SYN cookies its low 6 bits carry options, not the clock). */
  tsOnSyn: boolean;
  /** Latest 64-bit data sequence number after the last mapping seen, and the latest DATA_ACK. */
  nextDsn: bigint | null;
  dataAck: bigint | null;
  /** Application bytes seen in clear. */
  plaintextBytes: number;
  /** Absolute sequence number that DSS subflow sequence numbers count from (the ISN), once known. */
  ssnBase: number | null;
  /** The sender's mappings carry DSS checksums. */
  checksums: boolean;
  /** Length of the longest mapping seen (the sender's full chunk, for lining forged data up with it). */
  mappingLength: number;
  lastSeenUs: number;
  lastPacketId: number;
}

/** A TCP connection (an MPTCP subflow, or plain TCP) the attacker has seen, oriented client → server. */
export interface KnownConnection {
  key: string;
  client: { addr: IpAddress; port: number };
  server: { addr: IpAddress; port: number };
  /** The SYN was seen, so which side is the client is known for sure. */
  sawSyn: boolean;
}

/** The categories of `attackerKnew` in matrix rows (issue vocabulary). */
export type KnownCategory = 'four-tuple' | 'sequence-numbers' | 'token' | 'keys' | 'idsn' | 'nonces' | 'plaintext';

export class KnowledgeBase {
  readonly facts: Fact[] = [];
  readonly flows = new Map<string, FlowView>();
  readonly connections = new Map<string, KnownConnection>();
  /** Index of each fact by kind, subject and value: a blind search records thousands, so no scans. */
  private readonly seen = new Map<string, number>();
  /** Keys learned, with the fact that holds each. */
  readonly keys = new Map<bigint, number>();
  readonly tokens = new Map<number, number>();
  /** Key pairs seen in one MP_CAPABLE exchange, by flow (client → server). */
  readonly keyPairs = new Map<string, { client?: bigint; server?: bigint }>();
  /** MPTCP version seen in each connection's MP_CAPABLE. */
  readonly versions = new Map<string, 0 | 1>();
  /** Connections on which it saw an ADD_ADDR carrying an HMAC (so the hosts check them). */
  readonly addAddrHmacSeen = new Set<string>();

  /** Records a fact unless the same kind, value and subject is known already; returns its index. */
  record(f: Fact): number {
    const k = `${f.kind}|${f.about}|${f.value}`;
    const known = this.seen.get(k);
    if (known !== undefined) return known;
    this.seen.set(k, this.facts.length);
    this.facts.push(f);
    return this.facts.length - 1;
  }

  /** The two directions of a known connection, as far as seen. */
  flowsOf(c: KnownConnection): { toServer: FlowView | undefined; toClient: FlowView | undefined } {
    const [a, b] = c.key.split(' → ');
    return { toServer: this.flows.get(c.key), toClient: this.flows.get(`${b} → ${a}`) };
  }

  knowsKey(key: bigint): boolean {
    return this.keys.has(key);
  }

  knowsToken(token: number): boolean {
    return this.tokens.has(token);
  }

  learnKey(key: bigint, about: string, timeUs: number, packetId: number, derive: (key: bigint) => { token: number; idsn: bigint }): void {
    if (this.keys.has(key)) return;
    const at = this.record({ timeUs, kind: 'key', value: hex64(key), about, packetId });
    this.keys.set(key, at);
    const d = derive(key);
    this.learnToken(d.token, about, timeUs, packetId, at);
    this.record({ timeUs, kind: 'idsn', value: d.idsn.toString(), about, packetId, derivedFrom: at });
  }

  learnToken(token: number, about: string, timeUs: number, packetId: number, derivedFrom?: number): void {
    if (this.tokens.has(token)) return;
    const at = this.record({ timeUs, kind: 'token', value: hex32(token), about, packetId, ...(derivedFrom !== undefined ? { derivedFrom } : {}) });
    this.tokens.set(token, at);
  }

  /** The fact recording `key`, if known. */
  keyFact(key: bigint): Fact | undefined {
    const i = this.keys.get(key);
    return i === undefined ? undefined : this.facts[i];
  }

  /** What it knew by `untilUs` (default: by now), in the matrix's categories. */
  categories(untilUs = Infinity): KnownCategory[] {
    const kinds = new Set(this.facts.filter((f) => f.timeUs <= untilUs).map((f) => f.kind));
    const out: KnownCategory[] = [];
    if (kinds.has('four-tuple')) out.push('four-tuple');
    if (kinds.has('sequence-numbers')) out.push('sequence-numbers');
    if (kinds.has('token')) out.push('token');
    const bothKeys = [...this.keyPairs.values()].some((p) => p.client !== undefined && p.server !== undefined && this.keyKnownBy(p.client, untilUs) && this.keyKnownBy(p.server, untilUs));
    if (bothKeys) out.push('keys');
    if (kinds.has('idsn')) out.push('idsn');
    if (kinds.has('nonce')) out.push('nonces');
    if (kinds.has('plaintext')) out.push('plaintext');
    return out;
  }

  private keyKnownBy(key: bigint, untilUs: number): boolean {
    const f = this.keyFact(key);
    return f !== undefined && f.timeUs <= untilUs;
  }
}
