/**
 * What hosts, network nodes and attackers decided during a run, as data
 * (DESIGN.md §4, "events are data"): a discriminated union on `kind`, with
 * structured fields — endpoints as "address:port" text, tokens, keys and
 * HMACs as hex, sequence numbers as numbers, reasons as codes. The sentence
 * a person reads is rendered from the fields (`eventText`); code reads the
 * fields and never parses the sentence. Attackers' `note` fields are their
 * own prose about what they forged: shown, never parsed, not in the digest.
 */
import type { TcpState } from '../tcp/state.ts';
import type { ConnectionState, JoinState } from '../mptcp/states.ts';
import type { DistributiveOmit } from '../core/types.ts';

/** How a TCP endpoint closed (also the app's `closedBy`). */
export type CloseReason = 'fin' | 'reset-received' | 'reset-sent' | 'timeout' | 'aborted';

/** Why a TCP endpoint changed state. */
export type TcpCause = 'active-open' | 'syn-received' | 'syn-ack-received' | 'simultaneous-open' | 'handshake-acked' | 'cookie-verified' | 'fin-received' | 'fin-acked' | 'app-closed' | CloseReason;

/** One TCP endpoint: its local and remote "address:port". */
interface Ends {
  local: string;
  remote: string;
}

/** What made a host send a challenge ACK (RFC 5961). */
export type ChallengeTrigger =
  | { what: 'rst-not-rcv-nxt'; seq: number; rcvNxt: number }
  | { what: 'syn-synchronized'; state: TcpState }
  | { what: 'old-ack'; ack: number; sndUna: number; maxSndWnd: number };

export type TcpEvent =
  | ({ kind: 'tcp-state'; from: TcpState; to: TcpState; cause: TcpCause } & Ends)
  | ({ kind: 'tcp-drop'; cause: 'ack-not-for-syn'; ack: number } & Ends)
  | ({ kind: 'tcp-drop'; cause: 'out-of-window'; seq: number; length: number; rcvNxt: number; window: number } & Ends)
  | ({ kind: 'tcp-drop'; cause: 'paws'; tsval: number; tsRecent: number } & Ends)
  | ({ kind: 'tcp-drop'; cause: 'ack-of-unsent'; ack: number; sndMax: number } & Ends)
  | ({ kind: 'tcp-reset'; when: 'syn-sent' | 'at-rcv-nxt' } & Ends)
  | ({ kind: 'tcp-syn-retransmitted' } & Ends)
  | ({ kind: 'tcp-challenge-ack'; trigger: ChallengeTrigger } & Ends)
  /** RFC 5961 §7: refused by the per-socket interval (`limit` in ms) or the per-host budget (`limit` a second). */
  | ({ kind: 'tcp-challenge-ack-limited'; trigger: ChallengeTrigger; by: 'socket' | 'host'; limit: number } & Ends)
  | ({ kind: 'tcp-fast-retransmit'; trigger: 'dup-acks' | 'sack'; sndUna: number; cwnd: number } & Ends)
  | ({ kind: 'tcp-timeout'; phase: 'handshake'; syns: number } & Ends)
  | ({ kind: 'tcp-timeout'; phase: 'data'; retransmissions: number } & Ends)
  | ({ kind: 'tcp-rto'; sndUna: number; rtoMs: number } & Ends)
  | ({ kind: 'tcp-refused' } & Ends)
  | ({ kind: 'tcp-syn-cookie-sent'; cookie: number } & Ends)
  | ({ kind: 'tcp-syn-cookie-rejected'; ack: number } & Ends)
  | ({ kind: 'tcp-listen-overflow'; backlog: number } & Ends)
  | ({ kind: 'tcp-half-open-expired'; synAcks: number } & Ends)
  | { kind: 'host-no-route'; source: string };

/** One MPTCP connection: the host's own token for it. */
interface Conn {
  token: string;
}
/** One subflow of it: "local→remote". */
interface Sub extends Conn {
  subflow: string;
}

/** Why a listener ignored a SYN's MP_CAPABLE on version grounds (RFC 8684 §3.1; `mptcp/version-negotiation.ts`). */
export type VersionIgnoredReason =
  /** The offered version is below every version this host speaks. */
  | 'not-spoken'
  /** The version this host would answer (v0) needs the initiator's key, and the SYN has none (v1's form). */
  | 'no-key'
  /** The version this host would answer (v1) takes a SYN without a key, and this one has a key. */
  | 'has-key';

/** Why a connection fell back to TCP (RFC 8684 §3.7, §3.1). */
export type FallbackCause =
  | { cause: 'no-free-token' }
  | { cause: 'syn-without-mpc'; remote: string }
  | { cause: 'mpc-version-ignored'; remote: string; offered: number; speaks: number[]; reason: VersionIgnoredReason }
  | { cause: 'unsupported-mpc'; remote: string; version: number; flags: number }
  | { cause: 'synack-without-mpc'; subflow: string }
  | { cause: 'first-segment-without-dss'; subflow: string }
  | { cause: 'dss-without-client-key'; subflow: string }
  | { cause: 'third-ack-without-mpc'; subflow: string }
  | { cause: 'mp-fail-answered'; subflow: string }
  | { cause: 'infinite-mapping-received'; subflow: string }
  | { cause: 'unmapped-data-only-subflow'; subflow: string; bytes: number }
  | { cause: 'ack-without-data-ack'; subflow: string };

/** Why MPTCP reset a subflow; `mpTcpRst` is the MP_TCPRST reason code sent with it (v1), else null. */
export type SubflowResetCause =
  | { cause: 'synack-without-join' }
  | { cause: 'synack-hmac-mismatch'; received: string; expected: string }
  | { cause: 'third-ack-without-join' }
  | { cause: 'third-ack-hmac-mismatch'; received: string; expected: string }
  | { cause: 'stateless-join-ack-invalid'; what: 'token' | 'nonce' }
  | { cause: 'subflow-limit'; limit: number }
  | { cause: 'checksum-failed'; dsn: string; bytes: number; checksum: number; expected: number }
  | { cause: 'unmapped-data'; bytes: number }
  | { cause: 'ack-without-data-ack'; ack: number }
  | { cause: 'mp-fail-unanswered'; dsn: string }
  | { cause: 'checksum-not-as-negotiated'; negotiated: boolean };

/** Why a SYN+MP_JOIN was refused. */
export type JoinRefusal =
  | { reason: 'unknown-token'; token: string }
  | { reason: 'not-established' }
  | { reason: 'half-open-limit'; limit: number }
  | { reason: 'no-cookie-state' }
  /** The join goes to the initial address and port, and this host set C in its MP_CAPABLE (allow_join_initial_addr_port 0). */
  | { reason: 'initial-address-denied'; local: string };

/** Why an ADD_ADDR was not acted on. */
export type AddAddrIgnored =
  | { reason: 'no-hmac'; addressId: number; address: string }
  | { reason: 'hmac-mismatch'; addressId: number; address: string; received: string; expected: string };

/** Why an accepted ADD_ADDR opened no subflow (Linux path-manager limits). */
export type AddAddrUnused = { reason: 'add-addr-accepted-limit'; limit: number } | { reason: 'subflow-limit'; limit: number } | { reason: 'no-local-address' };

export type MptcpEvent =
  | ({ kind: 'mptcp-connect'; local: string; remote: string; version: 0 | 1; key: string } & Conn)
  | ({ kind: 'mptcp-accept'; remote: string; key: string } & Conn)
  /** A listener speaking several versions, or answering below the offer, chose `chosen` (RFC 8684 §3.1). */
  | ({ kind: 'mptcp-version-chosen'; remote: string; offered: number; chosen: number; speaks: number[] } & Conn)
  /** The peer's MP_CAPABLE carried C: it accepts no joins to its initial address and port (Linux remote_deny_join_id0). */
  | ({ kind: 'mptcp-peer-denies-join-id0'; via: 'syn' | 'syn-ack' } & Conn)
  /** The path manager would have joined the peer's initial address (ID 0), and the peer set C. */
  | ({ kind: 'pm-join-id0-skipped'; local: string; remote: string } & Conn)
  | ({ kind: 'mptcp-join-rejected'; remote: string } & JoinRefusal)
  | ({ kind: 'mptcp-join-syn'; remote: string; addressId: number; backup: boolean; stateless: boolean; cookie: boolean } & Conn)
  | ({ kind: 'mptcp-join-stateless-accepted'; remote: string } & Conn)
  | ({ kind: 'mptcp-join-open'; local: string; localId: number; remote: string; remoteId: number; backup: boolean } & Conn)
  | { kind: 'pm-endpoint-removed'; address: string }
  | { kind: 'pm-endpoint-changed'; address: string; backup: boolean }
  | ({ kind: 'mptcp-fallback' } & Conn & FallbackCause)
  /** The connection's MPTCP state moved (`mptcp/states.ts`); `cause` is the arrow's label. */
  | ({ kind: 'mptcp-state'; from: ConnectionState; to: ConnectionState; cause: string } & Conn)
  | ({ kind: 'mptcp-fastclose-sent' } & Conn)
  | ({ kind: 'mptcp-fastclose-accepted' } & Conn)
  | ({ kind: 'mptcp-reinject'; dsn: string; bytes: number; subflow: string } & Conn)
  | ({ kind: 'mptcp-data-ack-ignored'; dataAck: string } & Conn)
  | ({ kind: 'mptcp-data-fin-acked'; dsn: string } & Conn)
  | ({ kind: 'mptcp-dsn-out-of-window'; dsn: string } & Conn)
  | ({ kind: 'mptcp-data-fin-received'; dsn: string } & Conn)
  | ({ kind: 'mptcp-add-addr-sent'; addressId: number; address: string; port: number | null; hmac: boolean; tries: number } & Conn)
  | ({ kind: 'mptcp-add-addr-unechoed'; addressId: number; retransmissions: number } & Conn)
  | ({ kind: 'mptcp-add-addr-echoed'; addressId: number } & Conn)
  | ({ kind: 'mptcp-add-addr-ignored' } & Conn & AddAddrIgnored)
  | ({
      kind: 'mptcp-add-addr-received';
      addressId: number;
      address: string;
      port: number | null;
      hmacVerified: boolean;
      /** The address the ID named until now, when the announcement reuses a live ID (Linux takes the new one). */
      replaces?: string;
    } & Conn)
  | ({ kind: 'mptcp-add-addr-not-used'; address: string } & Conn & AddAddrUnused)
  | ({ kind: 'mptcp-remove-addr-unknown'; addressId: number } & Conn)
  | ({
      kind: 'mptcp-remove-addr';
      addressId: number;
      address: string | null;
      subflows: number;
      /** remove-addr-probe: the subflow(s) were probed first and did not answer the keepalive. */
      unanswered?: boolean;
    } & Conn)
  | ({ kind: 'mptcp-remove-addr-probe'; addressId: number; address: string | null; subflows: number; waitUs: number } & Conn)
  | ({ kind: 'mptcp-remove-addr-kept'; addressId: number } & Sub)
  | ({ kind: 'mptcp-remove-addr-sent'; address: string; addressId: number; via: string } & Conn)
  | ({ kind: 'mptcp-remove-addr-unsent'; address: string; addressId: number } & Conn)
  | ({ kind: 'mptcp-subflow-close'; cause: 'address-removed' } & Sub)
  | ({ kind: 'mptcp-prio-sent'; backup: boolean } & Sub)
  | ({ kind: 'mptcp-subflow-reset'; mpTcpRst: number | null } & Sub & SubflowResetCause)
  | ({ kind: 'mptcp-tcprst-received'; reason: number; transient: boolean } & Sub)
  | ({ kind: 'mptcp-fail-received'; dsn: string; onRst: boolean } & Sub)
  | ({ kind: 'mptcp-capable'; version: number; serverKey: string; remoteToken: string; checksums: boolean } & Sub)
  | ({ kind: 'mptcp-fully-established'; via: 'third-ack'; clientKey: string } & Sub)
  | ({ kind: 'mptcp-fully-established'; via: 'first-dss' } & Sub)
  | ({ kind: 'mptcp-mpc-ignored'; senderKey: string; receiverKey: string } & Sub)
  | ({ kind: 'mptcp-join-synack-ok' } & Sub)
  | ({ kind: 'mptcp-join-accepted'; remoteAddressId: number; backup: boolean } & Sub)
  | ({ kind: 'mptcp-join-established' } & Sub)
  /** A join's state moved (`mptcp/states.ts`). */
  | ({ kind: 'mptcp-join-state'; from: JoinState; to: JoinState; cause: string } & Sub)
  | ({ kind: 'mptcp-infinite-mapping' } & Sub)
  | ({ kind: 'mptcp-prio-received'; backup: boolean; addressId: number | null; subflows: number } & Sub)
  | ({ kind: 'mptcp-fastclose-ignored'; key: string } & Sub)
  | ({ kind: 'mptcp-checksum-failed'; dsn: string; bytes: number; checksum: number; expected: number } & Sub)
  | ({ kind: 'mptcp-subflow-active' } & Sub)
  | ({ kind: 'mptcp-subflow-stale'; timeouts: number; staleLossCount: number } & Sub)
  | ({ kind: 'mptcp-half-open-join-expired' } & Sub);

export type NetEvent =
  | { kind: 'tls-alert'; cause: 'bad-header' | 'bad-record-mac'; record: number }
  | { kind: 'router-no-route'; destination: string }
  | { kind: 'router-ttl-expired'; destination: string }
  | { kind: 'nat-mapping'; inside: string; outside: string }
  | { kind: 'nat-drop'; to: string }
  | { kind: 'middlebox-strip-mptcp'; options: number }
  | { kind: 'middlebox-rewrite-payload'; occurrences: number; match: string }
  | { kind: 'middlebox-drop'; segment: 'syn' | 'syn-ack' | 'third-ack' }
  | { kind: 'middlebox-split'; pieces: number; bytes: number }
  | { kind: 'middlebox-coalesce'; segments: number; bytes: number }
  | { kind: 'link-down'; link: string }
  | { kind: 'link-up'; link: string }
  /** A scenario's app-abort: the application tore its connection down (`open`: there was one to tear down). */
  | { kind: 'app-abort'; traffic: string; side: 'client' | 'server'; open: boolean };

/** Attacker actions (host = the attacker's id). */
export type AttackerEvent =
  | { kind: 'attacker-placed'; location: string; capability: string; at: string[]; window: { fromUs: number; toUs: number } | null; attack: string }
  | { kind: 'attacker-arrives'; links: string[]; untilUs: number }
  | { kind: 'attacker-leaves'; links: string[] }
  | { kind: 'attacker-drop'; packet: number; link: string; note: string }
  | { kind: 'attacker-modify'; packet: number; link: string; note: string }
  | { kind: 'attacker-inject'; packet: number; link: string; note: string }
  | { kind: 'attacker-guess'; packet: number; link: string; guess: number; note: string }
  | { kind: 'attacker-budget-spent'; budget: number }
  | { kind: 'attacker-no-route'; destination: string | null; note: string }
  | { kind: 'attacker-gives-up'; note: string }
  | { kind: 'attacker-blind'; note: string }
  | { kind: 'attacker-flood'; note: string }
  | { kind: 'attacker-uses-keys'; note: string }
  | { kind: 'attacker-join-refused'; packet: number }
  | { kind: 'attacker-join-accepted'; packet: number }
  | { kind: 'attacker-relay'; note: string }
  | { kind: 'attacker-relay-data'; packet: number; relayedAs: number | null; bytes: number; toward: boolean; far: string };

/** A connection-level event without the token its connection fills in. */
export type ConnectionEventBody = DistributiveOmit<Extract<MptcpEvent, Conn>, 'token'>;
/** A subflow-level event without the token and subflow name its subflow fills in. */
export type SubflowEventBody = DistributiveOmit<Extract<MptcpEvent, Sub>, 'token' | 'subflow'>;

/** Everything a run's trace records besides packets. */
export type EventBody = TcpEvent | MptcpEvent | NetEvent | AttackerEvent;
export type EventKind = EventBody['kind'];

/** A recorded event: when, who (host, node, link or attacker id), the packets it was about, and its fields. */
export type HostEvent = EventBody & {
  timeUs: number;
  host: string;
  /** Packet ids the decision was about. */
  packets?: number[];
};

/** The event of one kind, narrowed. */
export type EventOf<K extends EventKind> = Extract<HostEvent, { kind: K }>;

export function isKind<K extends EventKind>(e: HostEvent, kind: K): e is EventOf<K> {
  return e.kind === kind;
}

/** How a rendering names packets and attackers (the app names packets by capture frame and attackers by label). */
export interface Namer {
  packet(id: number): string;
  /** The phrase for an attacker: "attacker attacker-1" by default. */
  actor(id: string): string;
}

export const DEFAULT_NAMER: Namer = { packet: (id) => `packet #${id}`, actor: (id) => `attacker ${id}` };

/** What moved a TCP state, as the label on the trace's arrow (`ESTABLISHED --FIN--> CLOSE_WAIT`). */
const TCP_CAUSE: Record<TcpCause, string> = {
  'active-open': 'connect',
  'syn-received': 'SYN',
  'syn-ack-received': 'SYN/ACK',
  'simultaneous-open': 'SYN',
  'handshake-acked': 'ACK',
  'cookie-verified': 'ACK with SYN cookie',
  'fin-received': 'FIN',
  'fin-acked': 'ACK of FIN',
  'app-closed': 'close',
  fin: 'done',
  'reset-received': 'RST',
  'reset-sent': 'RST sent',
  timeout: 'timeout',
  aborted: 'abort',
};

/** The labels of MPTCP's arrows (`established --DATA_FIN--> close-wait`); a cause not listed is shown as it is. */
const MPTCP_CAUSE: Readonly<Record<string, string>> = {
  'mp-capable': 'MP_CAPABLE',
  'data-fin-sent': 'DATA_FIN sent',
  'data-fin-received': 'DATA_FIN',
  'data-fin-acked': 'DATA_ACK of DATA_FIN',
  'syn-ack-verified': 'SYN/ACK HMAC',
  'third-ack-verified': 'ACK HMAC',
  'fourth-ack': 'ACK',
  fin: 'both DATA_FINs',
};

/** RFC 8684 §3.6's MP_TCPRST reason codes. */
export const MP_TCPRST_REASON_TEXT: readonly string[] = ['unspecified error', 'MPTCP-specific error', 'lack of resources', 'administratively prohibited', 'too much outstanding data', 'unacceptable performance', 'middlebox interference'];

function challengeText(t: ChallengeTrigger): string {
  switch (t.what) {
    case 'rst-not-rcv-nxt':
      return `RST seq ${t.seq} is in the window but not RCV.NXT ${t.rcvNxt}`;
    case 'syn-synchronized':
      return `SYN in ${t.state}`;
    case 'old-ack':
      return `ACK ${t.ack} is too old (SND.UNA ${t.sndUna}, MAX.SND.WND ${t.maxSndWnd})`;
  }
}

function tcpText(e: Extract<HostEvent, TcpEvent>): string {
  const name = 'local' in e ? `${e.local}→${e.remote}` : '';
  switch (e.kind) {
    case 'tcp-state':
      return `${name}: ${e.from} --${TCP_CAUSE[e.cause]}--> ${e.to}`;
    case 'tcp-drop':
      if (e.cause === 'ack-not-for-syn') return `${name}: ACK ${e.ack} in SYN_SENT does not acknowledge our SYN: dropped`;
      if (e.cause === 'paws') return `${name}: TSval ${e.tsval} older than TS.Recent ${e.tsRecent} (PAWS, RFC 7323): dropped`;
      if (e.cause === 'out-of-window') return `${name}: segment seq ${e.seq} (len ${e.length}) outside the receive window [${e.rcvNxt}, +${e.window}): dropped, ACK sent`;
      return `${name}: ACK ${e.ack} for data never sent (SND.NXT ${e.sndMax}): dropped`;
    case 'tcp-reset':
      return e.when === 'syn-sent' ? `${name}: connection refused (RST in SYN_SENT)` : `${name}: RST at exactly RCV.NXT accepted: connection reset`;
    case 'tcp-syn-retransmitted':
      return `${name}: the peer sent its SYN again: SYN/ACK resent`;
    case 'tcp-challenge-ack':
      return `${name}: ${challengeText(e.trigger)}: challenge ACK sent (RFC 5961)`;
    case 'tcp-challenge-ack-limited':
      return `${name}: ${challengeText(e.trigger)}: ${e.by === 'socket' ? `within ${e.limit} ms of the last challenge ACK` : `host challenge ACK limit (${e.limit}/s) reached`}, no challenge ACK`;
    case 'tcp-fast-retransmit':
      return `${name}: ${e.trigger === 'dup-acks' ? 'third duplicate ACK' : 'SACKs show a loss'} at ${e.sndUna}: fast retransmit, cwnd ${e.cwnd}`;
    case 'tcp-timeout':
      return e.phase === 'handshake' ? `${name}: no answer to ${e.syns} SYNs: giving up` : `${name}: ${e.retransmissions} retransmissions unanswered: connection timed out`;
    case 'tcp-rto':
      return `${name}: retransmission timeout, resending from ${e.sndUna} (RTO now ${e.rtoMs} ms)`;
    case 'tcp-refused':
      return `${e.host}: segment to ${e.local} from ${e.remote} matches no connection or listener: RST`;
    case 'tcp-syn-cookie-sent':
      return `${e.host}: SYN from ${e.remote} to ${e.local} answered with a SYN cookie (ISN ${e.cookie}): no state kept`;
    case 'tcp-syn-cookie-rejected':
      return `${e.host}: ACK ${e.ack} from ${e.remote} carries no valid SYN cookie: dropped`;
    case 'tcp-listen-overflow':
      return `${e.host}: SYN from ${e.remote} to ${e.local} dropped: the listen queue holds ${e.backlog} half-open connections`;
    case 'tcp-half-open-expired':
      return `${name}: half-open connection dropped after ${e.synAcks} unanswered SYN/ACKs`;
    case 'host-no-route':
      return `${e.host}: no link for source ${e.source}; packet dropped`;
  }
}

function fallbackText(e: EventOf<'mptcp-fallback'>): string {
  switch (e.cause) {
    case 'no-free-token':
      return 'no free token after 4 key draws: falling back to TCP';
    case 'syn-without-mpc':
      return `SYN from ${e.remote} without MP_CAPABLE: plain TCP`;
    case 'mpc-version-ignored':
      return `MP_CAPABLE v${e.offered} from ${e.remote} ignored: ${versionIgnoredText(e.reason, e.offered, e.speaks)}: plain TCP (RFC 8684 §3.1)`;
    case 'unsupported-mpc':
      return `SYN's MP_CAPABLE (version ${e.version}, flags 0x${e.flags.toString(16)}) is not one this host speaks: answered as plain TCP`;
    case 'synack-without-mpc':
      return `subflow ${e.subflow}: SYN/ACK without a usable MP_CAPABLE: the connection is plain TCP (RFC 8684 §3.1)`;
    case 'first-segment-without-dss':
      return `subflow ${e.subflow}: the server's first segment after the handshake carries no DSS: it fell back to TCP, and so does this connection (RFC 8684 §3.1)`;
    case 'dss-without-client-key':
      return `subflow ${e.subflow}: data with a DSS but no MP_CAPABLE, and the client's key never arrived (its third ACK was lost): fallback to TCP, as Linux does (RFC 8684 §3.1)`;
    case 'third-ack-without-mpc':
      return `subflow ${e.subflow}: third ACK without MP_CAPABLE: the connection falls back to TCP (RFC 8684 §3.1)`;
    case 'mp-fail-answered':
      return `subflow ${e.subflow}: infinite mapping sent after MP_FAIL: fallback to TCP`;
    case 'infinite-mapping-received':
      return `subflow ${e.subflow}: the peer sent an infinite mapping: fallback to TCP on the only subflow (RFC 8684 §3.7)`;
    case 'unmapped-data-only-subflow':
      return `subflow ${e.subflow}: ${e.bytes} bytes arrived without a DSS mapping: fallback to TCP on the only subflow, the bytes continue the stream (RFC 8684 §3.7)`;
    case 'ack-without-data-ack':
      return `subflow ${e.subflow}: the peer acknowledged data without a DATA_ACK: the path drops MPTCP options, so one last infinite mapping and fallback to TCP (RFC 8684 §3.7)`;
  }
}

const versionList = (vs: readonly number[]) => vs.map((v) => `v${v}`).join(' and ');

function versionIgnoredText(reason: VersionIgnoredReason, offered: number, speaks: readonly number[]): string {
  const only = `this host speaks only ${versionList(speaks)}`;
  switch (reason) {
    case 'not-spoken':
      return `${only}, nothing at or below v${offered} (Linux mptcp_parse_option)`;
    case 'no-key':
      return `${only}, and a v${offered} SYN carries no key for it; the initiator could retry with v0, Linux does not`;
    case 'has-key':
      return `${only}, and its SYN carries a key, which a v1 SYN never does`;
  }
}

function resetWhy(e: EventOf<'mptcp-subflow-reset'>): string {
  switch (e.cause) {
    case 'synack-without-join':
      return 'SYN/ACK without MP_JOIN';
    case 'synack-hmac-mismatch':
      return `MP_JOIN SYN/ACK HMAC ${e.received} is not the ${e.expected} our keys give: join rejected`;
    case 'third-ack-without-join':
      return 'third ACK of the join without MP_JOIN';
    case 'third-ack-hmac-mismatch':
      return `MP_JOIN ACK HMAC mismatch (got ${e.received}…, expected ${e.expected}…): join rejected`;
    case 'stateless-join-ack-invalid':
      return `stateless join: the third ACK's ${e.what === 'token' ? 'token names no connection' : 'echoed nonce is not the one its cookie gives'}: join rejected`;
    case 'subflow-limit':
      return `join refused: subflow limit (${e.limit}) reached`;
    case 'checksum-failed':
      return `DSS checksum 0x${hex16(e.checksum)} of the mapping at DSN ${e.dsn} (${e.bytes} bytes) does not match the data (0x${hex16(e.expected)}): subflow reset with MP_FAIL, the data will be resent on another subflow`;
    case 'unmapped-data':
      return `${e.bytes} bytes arrived without a DSS mapping (middlebox interference)`;
    case 'ack-without-data-ack':
      return `data acknowledged (ACK ${e.ack}) without a DATA_ACK on a joined subflow: the path drops MPTCP options (middlebox interference)`;
    case 'mp-fail-unanswered':
      return `no infinite mapping answered the MP_FAIL for DSN ${e.dsn} within 120 s (Linux's TCP_RTO_MAX): subflow reset (middlebox interference)`;
    case 'checksum-not-as-negotiated':
      return e.negotiated ? 'a DSS mapping without the checksum both ends negotiated (RFC 8684 §3.3: the subflow is broken)' : 'a DSS mapping with a checksum nobody negotiated (RFC 8684 §3.3)';
  }
}

const hex16 = (n: number) => n.toString(16).padStart(4, '0');

function addAddrIgnoredText(e: EventOf<'mptcp-add-addr-ignored'>): string {
  switch (e.reason) {
    case 'no-hmac':
      return `ADD_ADDR for address ID ${e.addressId} ${e.address} ignored: it carries no HMAC`;
    case 'hmac-mismatch':
      return `ADD_ADDR ignored: HMAC mismatch (address ID ${e.addressId} ${e.address}: received ${e.received}, the keys give ${e.expected})`;
  }
}

function addAddrUnusedText(e: EventOf<'mptcp-add-addr-not-used'>): string {
  switch (e.reason) {
    case 'add-addr-accepted-limit':
      return `no subflow to ${e.address}: add_addr_accepted limit (${e.limit}) reached`;
    case 'subflow-limit':
      return `no subflow to ${e.address}: subflow limit (${e.limit}) reached`;
    case 'no-local-address':
      return `no local address reaches ${e.address}`;
  }
}

function joinRefusalText(e: EventOf<'mptcp-join-rejected'>): string {
  switch (e.reason) {
    case 'unknown-token':
      return `unknown token ${e.token}`;
    case 'not-established':
      return 'the connection is not fully established';
    case 'half-open-limit':
      return `half-open limit (${e.limit}) reached`;
    case 'no-cookie-state':
      return 'its third ACK answers a cookie, but nothing it needs was kept (the join table slot was taken, or the ACK lacks the token and nonce)';
    case 'initial-address-denied':
      return `it goes to the initial address and port ${e.local}, and this host set C in its MP_CAPABLE (allow_join_initial_addr_port 0, RFC 8684 §3.1)`;
  }
}

const addressPort = (address: string, port: number | null) => `${address}${port !== null ? ` port ${port}` : ''}`;

/** A recorded event of one connection. */
type ConnectionEvent = Exclude<Extract<HostEvent, { token: string }>, { kind: 'mptcp-join-rejected' }>;

/** The connection-level sentence, without the "<host> connection <token>:" prefix. */
function connectionText(e: ConnectionEvent): string {
  const sub = (text: string) => `subflow ${(e as { subflow: string }).subflow}: ${text}`;
  switch (e.kind) {
    case 'mptcp-connect':
      return `opens ${e.local} → ${e.remote} (MPTCP v${e.version}, key ${e.key})`;
    case 'mptcp-accept':
      return `MP_CAPABLE SYN from ${e.remote}: new connection, key ${e.key}`;
    case 'mptcp-version-chosen':
      return `MP_CAPABLE v${e.offered} from ${e.remote}: answered with v${e.chosen} (this host speaks ${versionList(e.speaks)}; RFC 8684 §3.1)`;
    case 'mptcp-peer-denies-join-id0':
      return `the peer's ${e.via === 'syn' ? 'SYN' : 'SYN/ACK'} MP_CAPABLE carries C: no joins to its initial address and port (RFC 8684 §3.1)`;
    case 'pm-join-id0-skipped':
      return `no join from ${e.local} to the peer's initial address ${e.remote} (ID 0): the peer set C (Linux deny_join_id0)`;
    case 'mptcp-join-syn':
      return `MP_JOIN SYN for token ${e.token} from ${e.remote} (address ID ${e.addressId}${e.backup ? ', backup' : ''}): SYN/ACK with our HMAC${e.stateless ? ', no half-open state kept (stateless join: the nonce comes from a cookie)' : e.cookie ? ', its state kept in the SYN-cookie join table (Linux)' : ''}`;
    case 'mptcp-join-stateless-accepted':
      return `stateless join: the third ACK from ${e.remote} echoes the token and nonce its cookie gives: join state created now`;
    case 'mptcp-join-open':
      return `joins from ${e.local} (address ID ${e.localId}) to ${e.remote} (address ID ${e.remoteId})${e.backup ? ' as a backup subflow' : ''}`;
    case 'mptcp-fallback':
      return fallbackText(e);
    case 'mptcp-fastclose-sent':
      return 'application aborted: MP_FASTCLOSE on every subflow';
    case 'mptcp-fastclose-accepted':
      return 'MP_FASTCLOSE carries our key: connection reset';
    case 'mptcp-reinject':
      return `reinjects DSN ${e.dsn} (${e.bytes} bytes) on subflow ${e.subflow}`;
    case 'mptcp-data-ack-ignored':
      return `DATA_ACK ${e.dataAck} covers data never sent: ignored (Linux ack_update_msk)`;
    case 'mptcp-data-fin-acked':
      return `our DATA_FIN (DSN ${e.dsn}) acknowledged`;
    case 'mptcp-state':
      return `${e.from} --${MPTCP_CAUSE[e.cause] ?? e.cause}--> ${e.to}`;
    case 'mptcp-dsn-out-of-window':
      return `DSN ${e.dsn} is outside the receive window: dropped (RFC 8684 §3.3.5)`;
    case 'mptcp-data-fin-received':
      return `DATA_FIN received at DSN ${e.dsn}`;
    case 'mptcp-add-addr-sent':
      return `announces address ID ${e.addressId} ${addressPort(e.address, e.port)}${e.hmac ? ' with its HMAC' : ''} (try ${e.tries})`;
    case 'mptcp-add-addr-unechoed':
      return `ADD_ADDR for address ID ${e.addressId} never echoed after ${e.retransmissions} retransmissions`;
    case 'mptcp-add-addr-echoed':
      return `ADD_ADDR for address ID ${e.addressId} echoed`;
    case 'mptcp-add-addr-ignored':
      return addAddrIgnoredText(e);
    case 'mptcp-add-addr-received':
      return `peer announces address ID ${e.addressId} ${addressPort(e.address, e.port)}${e.hmacVerified ? ' (HMAC verified)' : ''}${e.replaces !== undefined ? `; the ID named ${e.replaces} until now` : ''}`;
    case 'mptcp-add-addr-not-used':
      return addAddrUnusedText(e);
    case 'mptcp-remove-addr-unknown':
      return `REMOVE_ADDR for unknown address ID ${e.addressId}: ignored`;
    case 'mptcp-remove-addr':
      return `REMOVE_ADDR for address ID ${e.addressId}${e.address !== null ? ` (${e.address})` : ''}: closing ${e.subflows} subflow(s)${e.unanswered ? ' (no answer to the keepalive probe)' : ''}`;
    case 'mptcp-remove-addr-probe':
      return `REMOVE_ADDR for address ID ${e.addressId}${e.address !== null ? ` (${e.address})` : ''}: a TCP keepalive on ${e.subflows} subflow(s) first, closing those that do not answer within ${(e.waitUs / 1000).toFixed(0)} ms (RFC 8684 §3.4.2)`;
    case 'mptcp-remove-addr-kept':
      return `REMOVE_ADDR for id ${e.addressId} not acted upon: the subflow answered the keepalive probe`;
    case 'mptcp-remove-addr-sent':
      return `endpoint ${e.address} deleted: REMOVE_ADDR for address ID ${e.addressId} on subflow ${e.via}`;
    case 'mptcp-remove-addr-unsent':
      return `endpoint ${e.address} deleted, but no subflow can carry the REMOVE_ADDR for address ID ${e.addressId}`;
    case 'mptcp-subflow-close':
      return `closes subflow ${e.subflow}: its address was removed`;
    case 'mptcp-prio-sent':
      return `MP_PRIO on subflow ${e.subflow}: ${e.backup ? 'backup' : 'regular'} from now on`;
    case 'mptcp-subflow-reset':
      return sub(`${resetWhy(e)}: RST${e.mpTcpRst !== null ? ` with MP_TCPRST (${MP_TCPRST_REASON_TEXT[e.mpTcpRst] ?? `reason ${e.mpTcpRst}`})` : ''}`);
    case 'mptcp-tcprst-received':
      return sub(`RST with MP_TCPRST: ${MP_TCPRST_REASON_TEXT[e.reason] ?? `reason ${e.reason}`}${e.transient ? ' (transient)' : ''}`);
    case 'mptcp-fail-received':
      return sub(e.onRst ? `RST with MP_FAIL for DSN ${e.dsn}: the peer's checksum failed; unacknowledged data goes to the other subflows` : `MP_FAIL for DSN ${e.dsn}: the peer's checksum failed`);
    case 'mptcp-capable':
      return sub(`MP_CAPABLE answered, version ${e.version}, server key ${e.serverKey}, token ${e.remoteToken}${e.checksums ? ', DSS checksums on' : ''}`);
    case 'mptcp-fully-established':
      return sub(e.via === 'third-ack' ? `client key ${e.clientKey} confirmed: fully established` : 'first DSS from the client: fully established (its third ACK was lost)');
    case 'mptcp-join-state':
      return sub(`join ${e.from} --${MPTCP_CAUSE[e.cause] ?? e.cause}--> ${e.to}`);
    case 'mptcp-mpc-ignored':
      return sub(`MP_CAPABLE ACK carries keys ${e.senderKey}/${e.receiverKey}, not this connection's: ignored`);
    case 'mptcp-join-synack-ok':
      return sub('MP_JOIN SYN/ACK HMAC verified');
    case 'mptcp-join-accepted':
      return sub(`MP_JOIN HMAC verified: subflow joined (address ID ${e.remoteAddressId}${e.backup ? ', backup' : ''})`);
    case 'mptcp-join-established':
      return sub('fourth ACK received: the join is established');
    case 'mptcp-infinite-mapping':
      return sub('infinite mapping received: the peer fell back to TCP on this subflow');
    case 'mptcp-prio-received':
      return sub(`MP_PRIO: ${e.addressId === null ? 'this subflow' : `${e.subflows} subflow(s) with address ID ${e.addressId}`} now ${e.backup ? 'backup' : 'regular'}`);
    case 'mptcp-fastclose-ignored':
      return sub(`MP_FASTCLOSE carries ${e.key}, not our key: ignored`);
    case 'mptcp-checksum-failed':
      return sub(`DSS checksum 0x${hex16(e.checksum)} of the mapping at DSN ${e.dsn} (${e.bytes} bytes) does not match the data (0x${hex16(e.expected)}): MP_FAIL sent`);
    case 'mptcp-subflow-active':
      return sub('acknowledgments flow again: no longer stale');
    case 'mptcp-subflow-stale':
      return sub(`${e.timeouts} retransmission timeouts in a row: stale, its unacknowledged data goes to the other subflows (Linux stale_loss_cnt ${e.staleLossCount})`);
    case 'mptcp-half-open-join-expired':
      return sub('half-open join dropped: its SYN/ACKs were never answered');
  }
}

function attackerText(e: Extract<HostEvent, AttackerEvent>, n: Namer): string {
  switch (e.kind) {
    case 'attacker-placed':
      return `${e.location === 'partial-time-on-path' && e.window ? `partial-time on-path (${e.window.fromUs}–${e.window.toUs} µs)` : e.location} ${e.capability} at ${e.at.join(', ')} follows "${e.attack}"`;
    case 'attacker-arrives':
      return `arrives on ${e.links.join(', ')}: it sees their packets until ${e.untilUs} µs`;
    case 'attacker-leaves':
      return `leaves ${e.links.join(', ')}: it keeps what it learned`;
    case 'attacker-drop':
      return `drops ${n.packet(e.packet)} on ${e.link}: ${e.note}`;
    case 'attacker-modify':
      return `rewrites ${n.packet(e.packet)} on ${e.link}: ${e.note}`;
    case 'attacker-inject':
      return `injects ${n.packet(e.packet)} on ${e.link}: ${e.note}`;
    case 'attacker-guess':
      return `guesses ${n.packet(e.packet)} on ${e.link} (guess ${e.guess}): ${e.note}`;
    case 'attacker-budget-spent':
      return `guess budget of ${e.budget} packets spent`;
    case 'attacker-no-route':
      return `cannot send toward ${e.destination ?? 'an undecodable destination'}: ${e.note}`;
    case 'attacker-gives-up':
    case 'attacker-blind':
    case 'attacker-flood':
    case 'attacker-uses-keys':
    case 'attacker-relay':
      return e.note;
    case 'attacker-join-refused':
      return `the peer refused its join: ${n.packet(e.packet)} carries no MP_JOIN SYN/ACK`;
    case 'attacker-join-accepted':
      return `the peer accepted its join: ${n.packet(e.packet)} is the fourth ACK`;
    case 'attacker-relay-data':
      return `application data now flows through it: ${n.packet(e.packet)} (${e.bytes} bytes, ${e.toward ? 'toward' : 'back from'} ${e.far})${e.relayedAs !== null && e.relayedAs !== e.packet ? ` relayed as ${n.packet(e.relayedAs)}` : ''}`;
  }
}

function netText(e: Extract<HostEvent, NetEvent>): string {
  switch (e.kind) {
    case 'tls-alert':
      return `${e.host}: TLS alert: record ${e.record} ${e.cause === 'bad-record-mac' ? 'failed its integrity check (bad_record_mac)' : "has a header that is not a TLS record's"}: connection aborted`;
    case 'router-no-route':
      return `${e.host}: no route to ${e.destination}: packet dropped`;
    case 'router-ttl-expired':
      return `${e.host}: TTL expired on the way to ${e.destination}: packet dropped`;
    case 'nat-mapping':
      return `${e.host}: maps ${e.inside} to ${e.outside}`;
    case 'nat-drop':
      return `${e.host}: nothing mapped to ${e.to}: packet from outside dropped`;
    case 'middlebox-strip-mptcp':
      return `${e.host}: stripped ${e.options} MPTCP option(s)`;
    case 'middlebox-rewrite-payload':
      return `${e.host}: rewrote ${e.occurrences} occurrence(s) of "${e.match}" in the payload`;
    case 'middlebox-drop':
      return `${e.host}: lost the first ${e.segment === 'syn' ? 'SYN' : e.segment === 'syn-ack' ? 'SYN/ACK' : 'third ACK'} of its four-tuple`;
    case 'middlebox-split':
      return `${e.host}: split a segment of ${e.bytes} payload bytes into ${e.pieces}, each with a copy of its options`;
    case 'middlebox-coalesce':
      return `${e.host}: merged ${e.segments} segments (${e.bytes} payload bytes) into one, keeping only the first one's options`;
    case 'link-down':
      return `link ${e.link} goes down: every packet put on it is dropped`;
    case 'link-up':
      return `link ${e.link} is up again`;
    case 'app-abort':
      return e.open ? `${e.host}: the ${e.side} application of ${e.traffic} aborts its connection, unread data and all` : `${e.host}: the ${e.side} application of ${e.traffic} would abort, but has no open connection`;
  }
}

/** The sentence for an event, naming packets and attackers with `names`. */
export function eventText(e: HostEvent, names: Namer = DEFAULT_NAMER): string {
  if (e.kind.startsWith('attacker-')) return `${names.actor(e.host)}: ${attackerText(e as Extract<HostEvent, AttackerEvent>, names)}`;
  if (e.kind.startsWith('tcp-') || e.kind === 'host-no-route') return tcpText(e as Extract<HostEvent, TcpEvent>);
  if ('token' in e && e.kind !== 'mptcp-join-rejected') return `${e.host} connection ${e.token}: ${connectionText(e as ConnectionEvent)}`;
  switch (e.kind) {
    case 'mptcp-join-rejected':
      return `${e.host}: MP_JOIN from ${e.remote} rejected: ${joinRefusalText(e)}`;
    case 'pm-endpoint-removed':
      return `${e.host}: endpoint ${e.address} deleted`;
    case 'pm-endpoint-changed':
      return `${e.host}: endpoint ${e.address} is now ${e.backup ? 'backup' : 'regular'}`;
    default:
      return netText(e as Extract<HostEvent, NetEvent>);
  }
}

/** Fields of an event that are prose, kept out of the digest (their wording is not the run's behaviour). */
export const PROSE_FIELDS: ReadonlySet<string> = new Set(['note']);
