/**
 * The scenario document: everything a run needs, as plain JSON. Loading is
 * always migrate → validate → applyDefaults (DESIGN.md §5). Times are integer
 * microseconds, rates bits per second, sizes bytes; every name says its unit.
 *
 * Identifiers (`id`) are unique within their kind and match /^[a-z][a-z0-9-]*$/.
 * An interface is named "<nodeId>.<interfaceId>" wherever another part of the
 * document refers to it (links, NATs, traffic).
 */

export const SCENARIO_SCHEMA_VERSION = 2;

export type Protocol = 'tcp' | 'mptcp-v0' | 'mptcp-v1';
export type SchedulerId = 'lowest-rtt' | 'round-robin' | 'redundant';
export type CongestionControlId = 'newreno' | 'lia';
export type EndpointFlag = 'signal' | 'subflow' | 'backup' | 'fullmesh';
/** Protocol-level mitigations of security-model.md §5 that are host behaviour. */
export type HostMitigation = 'add-addr-hmac' | 'stateless-join' | 'half-open-limit' | 'syn-cookies' | 'address-bound-join-hmac' | 'dh-keys' | 'tls' | 'remove-addr-probe';

/** Every host mitigation, in the order the schema lists them. */
export const HOST_MITIGATIONS: readonly HostMitigation[] = ['add-addr-hmac', 'stateless-join', 'half-open-limit', 'syn-cookies', 'address-bound-join-hmac', 'dh-keys', 'tls', 'remove-addr-probe'];

/** The half-open join limit `half-open-limit` applies when `halfOpenJoinLimit` sets none (RFC 7430 §4.1's "a low number"). */
export const DEFAULT_HALF_OPEN_LIMIT = 3;

export interface InterfaceSpec {
  id: string;
  /** CIDR text: "198.18.1.1/24", "2001:db8:1::1/64". At least one. */
  addresses: string[];
}

/** A path-manager endpoint, like `ip mptcp endpoint add ADDR [port P] FLAGS`. */
export interface PathManagerEndpoint {
  /** Address of one of the host's interfaces. */
  address: string;
  /** Only with `signal` alone: an extra listening port to announce. */
  port?: number;
  flags: EndpointFlag[];
  /** Address ID to use (1..255); assigned in order when absent. */
  id?: number;
}

/** Linux's `ip mptcp limits`: defaults subflows 2, addAddrAccepted 0. */
export interface PathManagerLimits {
  subflows: number;
  addAddrAccepted: number;
}

export interface PathManagerSpec {
  endpoints: PathManagerEndpoint[];
  limits: PathManagerLimits;
}

/** An MPTCP version as scenarios name it. */
export type MptcpVersionName = 'v0' | 'v1';

/** A host's own MPTCP settings, where hosts differ (scenario-wide ones are in `MptcpSpec`). */
export interface HostMptcpSpec {
  /**
   * The versions the host speaks; it offers the highest in its SYNs and
   * answers each SYN with the highest it speaks at or below the offered one
   * (RFC 8684 §3.1). Absent: the scenario protocol's version only.
   */
  versions?: MptcpVersionName[];
  /**
   * Linux's net.mptcp.allow_join_initial_addr_port. false: v1 MP_CAPABLEs
   * carry the C flag and joins to the initial address and port are refused.
   * Absent: true (Linux's default).
   */
  allowJoinInitialAddrPort?: boolean;
}

export interface HostSpec {
  id: string;
  label?: string;
  interfaces: InterfaceSpec[];
  pathManager?: PathManagerSpec;
  /** Ignored when the protocol is "tcp" (validation reports it). */
  mptcp?: HostMptcpSpec;
}

export interface RouterSpec {
  id: string;
  label?: string;
  interfaces: InterfaceSpec[];
}

/**
 * A source NAT (NAPT) between an inside and an outside interface: packets
 * leaving through `outside` get `publicAddress` and a translated port as
 * source; replies are translated back. MPTCP options are not touched.
 */
export interface NatSpec {
  id: string;
  label?: string;
  inside: InterfaceSpec;
  outside: InterfaceSpec;
  /** Defaults to the outside interface's first address. */
  publicAddress?: string;
  /** First port of the translation range (default 40000). */
  portBase?: number;
}

/**
 * A bump in the wire between two interfaces: `strip-mptcp` replaces every
 * MPTCP option with NOPs (forcing fallback); `rewrite-payload` changes payload
 * bytes matching `match` into `replace` (same length), as an application
 * level gateway would; `drop-handshake` loses the first copy of the handshake
 * segments named in `drop`.
 */
export interface MiddleboxSpec {
  id: string;
  label?: string;
  kind: 'strip-mptcp' | 'rewrite-payload' | 'drop-handshake' | 'split-segments' | 'coalesce-segments';
  interfaces: [InterfaceSpec, InterfaceSpec];
  /** rewrite-payload only: ASCII text to find and its same-length replacement. */
  match?: string;
  replace?: string;
  /**
   * strip-mptcp only: strip from this time on (before it, options pass), only
   * from segments with payload, and only in one direction (`a-to-b` is from
   * `interfaces[0]` to `interfaces[1]`): a path that starts dropping options
   * after the handshake (RFC 8684 §3.7). Absent: every segment, always.
   */
  stripData?: { fromUs: number; direction: 'a-to-b' | 'b-to-a'; segments?: 'data' | 'all' };
  /** strip-mptcp only: strip only the SYN/ACK's options (RFC 8684 §3.1: the initiator then falls back, and so does the server). */
  stripOnly?: 'syn-ack';
  /**
   * drop-handshake only: the handshake segments whose first copy, on each
   * four-tuple, is lost (a lossy path, made exact): retransmissions pass.
   */
  drop?: ('syn' | 'syn-ack' | 'third-ack')[];
  /**
   * split-segments only: a TCP segment with more payload bytes than this
   * leaves as several of at most this many, each with a copy of the
   * original's options, as TCP segmentation offload cuts them.
   */
  splitAtBytes?: number;
  /**
   * coalesce-segments only: a data segment is held this long for the next
   * in-order segments of its flow, which are appended to it with their
   * options dropped (LRO/GRO, resegmenting proxies); then it leaves.
   */
  coalesceWithinUs?: number;
}

export interface LinkSpec {
  id: string;
  /** "<nodeId>.<interfaceId>" of each end. */
  a: string;
  b: string;
  delayUs: number;
  bandwidthBps: number;
  /** Probability in [0, 0.5] that a packet is lost, per direction. */
  lossRate: number;
  /** Drop-tail queue length in packets, per direction. */
  queuePackets: number;
  mtuBytes: number;
}

export interface BulkTraffic {
  id: string;
  kind: 'bulk';
  /** Host that connects and sends. */
  from: string;
  /** Host that listens and receives. */
  to: string;
  /** Destination address; defaults to the first address of `to`'s first interface. */
  toAddress?: string;
  port: number;
  bytes: number;
  startUs: number;
}

export interface RequestResponseTraffic {
  id: string;
  kind: 'request-response';
  from: string;
  to: string;
  toAddress?: string;
  port: number;
  requestBytes: number;
  responseBytes: number;
  /** Number of request/response exchanges on the one connection. */
  count: number;
  /** Pause between a response and the next request. */
  intervalUs: number;
  startUs: number;
}

export type TrafficSpec = BulkTraffic | RequestResponseTraffic;

/** A link stops (or resumes) carrying packets, as when a Wi-Fi access point vanishes. */
export interface LinkDownAction {
  atUs: number;
  kind: 'link-down';
  link: string;
}

export interface LinkUpAction {
  atUs: number;
  kind: 'link-up';
  link: string;
}

export type LinkAction = LinkDownAction | LinkUpAction;

/**
 * `ip mptcp endpoint delete` for one of the host's addresses: every MPTCP
 * connection of the host announces REMOVE_ADDR for it and closes the
 * subflows that use it (as Linux does when an interface goes away).
 */
export interface EndpointRemoveAction {
  atUs: number;
  kind: 'endpoint-remove';
  host: string;
  address: string;
}

/** `ip mptcp endpoint change ADDR backup|nobackup`: MP_PRIO on the subflows from that address. */
export interface EndpointBackupAction {
  atUs: number;
  kind: 'endpoint-backup';
  host: string;
  address: string;
  backup: boolean;
}

/**
 * An application tears its connection down at once, unread data and all:
 * MP_FASTCLOSE under MPTCP (RFC 8684 §3.5; Linux does it on close() with
 * unread data or SO_LINGER 0), a RST under plain TCP.
 */
export interface AppAbortAction {
  atUs: number;
  kind: 'app-abort';
  /** Id of the traffic entry whose connection goes. */
  traffic: string;
  /** Which end's application aborts: the traffic's `from` (client) or `to` (server). */
  side: 'client' | 'server';
}

/** Actions a host's path manager carries out on its endpoints. */
export type EndpointAction = EndpointRemoveAction | EndpointBackupAction;

/** Actions a host carries out (its path manager, its application). */
export type HostAction = EndpointAction | AppAbortAction;

/** Something that happens at a set time during the run. */
export type ActionSpec = LinkAction | HostAction;

/** The attacks of security-model.md §3. */
export type AttackId =
  | 'add-addr-hijack'
  | 'join-dos'
  | 'syn-flood-amplification'
  | 'handshake-eavesdrop-hijack'
  | 'syn-join-redirect'
  | 'add-addr-flooding'
  | 'time-shifted-hijack'
  | 'blind-reset'
  | 'data-injection'
  | 'passive-eavesdrop';

/** Where an attacker is (security-model.md §4). */
export type AttackerLocation = 'off-path' | 'partial-time-on-path' | 'on-path';
/** What it may do there. */
export type AttackerCapability = 'eavesdropper' | 'active';

export interface TimeWindow {
  fromUs: number;
  toUs: number;
}

/**
 * An attacker: a location and a capability, the links or routers it sits on
 * (a router means all its links; for an off-path attacker, where its
 * spoofed packets enter the network), the attack it follows and that
 * attack's parameters.
 */
export interface AttackerSpec {
  id: string;
  label?: string;
  location: AttackerLocation;
  capability: AttackerCapability;
  at: string[];
  /** partial-time-on-path only: when it holds its place. It keeps what it learned afterwards. */
  window?: TimeWindow;
  attack: AttackId;
  /** The attack's parameters; each attack documents its own (see the attack catalog). */
  params: Record<string, unknown>;
  /** Blind guesses (packets carrying guessed values) it may send. */
  guessBudget: number;
  /**
   * An address of its own, reachable through the first router it sits at,
   * for attacks that make hosts connect to it.
   */
  address?: string;
  /** What it knows before the run (demonstrations, tests): each field narrows a blind search. */
  prior?: AttackerPrior;
}

/** 32-bit sequence numbers from `from` up to `to` (both included), counted upward and wrapping at 2^32. */
export interface SeqRange {
  from: number;
  to: number;
}

/**
 * What an attacker knows before the run, as if it had learned it some other
 * way: each field replaces one dimension of the blind search it would
 * otherwise run over the whole space (RFC 7430 §2), and the expected
 * number of guesses counts only what is left. Values are the victim's: the
 * end that receives the forged packets.
 */
export interface AttackerPrior {
  /** The client address of the subflow it targets (otherwise each of the client's addresses). */
  clientAddress?: string;
  /** The client's ephemeral port (otherwise each of 32768–60999). */
  clientPort?: number;
  /** Where the victim's RCV.NXT lies. */
  seq?: SeqRange;
  /** Where the victim's SND.UNA lies (an ACK it accepts is within [SND.UNA − MAX.SND.WND, SND.NXT], RFC 5961 §5.2). */
  ack?: SeqRange;
  /** The victim's receive window RCV.WND in bytes, the step of in-window sequence guesses (otherwise Linux's 6 MiB). */
  windowBytes?: number;
  /** The victim's MAX.SND.WND in bytes, the step of ACK guesses (otherwise `windowBytes`). */
  maxSendWindowBytes?: number;
  /** Where the relative subflow sequence number (RFC 8684 §3.3.1) of the victim's RCV.NXT lies. */
  ssn?: SeqRange;
  /** Where the data sequence number the victim expects next lies: 64-bit decimal strings, counted upward. */
  dsn?: { from: string; to: string };
  /** The hosts use DSS checksums (otherwise it assumes Linux's default: off). */
  checksums?: boolean;
  /** Candidate tokens of the server's connection, 8 hex digits each (otherwise all 2^32). */
  tokens?: string[];
}

export interface MptcpSpec {
  scheduler: SchedulerId;
  congestionControl: CongestionControlId;
  /** Hosts request DSS checksums (Linux net.mptcp.checksum_enabled). */
  checksums: boolean;
  /** Mitigations switched on for every host, beyond what the version implies. */
  mitigations: HostMitigation[];
  /** The MAC of join and ADD_ADDR HMACs: the version's own (v0 HMAC-SHA1, v1 HMAC-SHA256) or another (AES-CMAC is a what-if). */
  macAlgorithm: 'version-default' | 'hmac-sha1' | 'hmac-sha256' | 'aes-cmac';
  /** Half-open MP_JOINs a host keeps per connection; null = no limit of its own (Linux), or 3 with the `half-open-limit` mitigation. */
  halfOpenJoinLimit: number | null;
}

export interface ThresholdSpec {
  /** No application progress for longer than this counts as a stall. */
  stallUs: number;
  /** Goodput loss, in percent of the attacker-free run, that counts as degradation. */
  degradationPercent: number;
}

export interface Scenario {
  schemaVersion: typeof SCENARIO_SCHEMA_VERSION;
  id: string;
  title: string;
  /** What happens and what to look at, for a student. */
  description: string;
  seed: number;
  /** The run stops at this simulated time even if traffic is still going. */
  durationUs: number;
  protocol: Protocol;
  hosts: HostSpec[];
  routers: RouterSpec[];
  nats: NatSpec[];
  middleboxes: MiddleboxSpec[];
  links: LinkSpec[];
  traffic: TrafficSpec[];
  /** Timed changes during the run: links failing, endpoints removed or changed. */
  actions: ActionSpec[];
  attackers: AttackerSpec[];
  mptcp: MptcpSpec;
  thresholds: ThresholdSpec;
  /** Positions and other view state; the engine ignores it. */
  ui?: Record<string, unknown>;
  /** A design review's decisions about the failures the surface map found; the engine's runs ignore it. */
  review?: ReviewSpec;
}

/** What a reviewer decided about a failure: still open, mitigated, an accepted risk, or not applicable here. */
export type ReviewStatus = 'open' | 'mitigated' | 'accepted' | 'not-applicable';
export type ReviewSeverity = 'high' | 'medium' | 'low';
/** The failure ids of security-model.md §2 (the monitors' `FailureId`, repeated here so the document's types stand alone). */
export type ReviewFailureId = 'hijack' | 'mitm' | 'data-injection' | 'eavesdrop-data' | 'key-compromise' | 'connection-dos' | 'join-dos' | 'resource-exhaustion' | 'third-party-flooding' | 'degradation';

/**
 * One decision, matched to a surface-map finding by attack (with its
 * variant after a colon), place, attacker class and failure, so it
 * survives re-runs that find the same failure.
 */
export interface ReviewDecision {
  /** An attack id, or "attack:variant" (e.g. "blind-reset:remove-addr"). */
  attack: string;
  /** A link or router id, or "off-path". */
  place: string;
  location: AttackerLocation;
  capability: AttackerCapability;
  /** The protocol phase a partial-time attacker's window covers; null for the others. */
  window: 'handshake' | 'join' | 'data' | null;
  failure: ReviewFailureId;
  status: ReviewStatus;
  severity: ReviewSeverity;
  owner: string;
  comment: string;
}

export interface ReviewSpec {
  decisions: ReviewDecision[];
  /**
   * The findings (as `findingKey` text) the surface map showed when the
   * review was last saved: a later run that shows one not listed flags it
   * as new.
   */
  reviewed: string[];
}

/** One problem found while loading a scenario. */
export interface ScenarioProblem {
  /** JSON path, e.g. "$.links[2].delayUs". */
  path: string;
  code: 'SCENARIO_TYPE' | 'SCENARIO_REQUIRED' | 'SCENARIO_RANGE' | 'SCENARIO_ENUM' | 'SCENARIO_FORMAT' | 'SCENARIO_UNKNOWN_FIELD' | 'SCENARIO_REFERENCE' | 'SCENARIO_DUPLICATE' | 'SCENARIO_VERSION' | 'SCENARIO_JSON' | 'SCENARIO_CONFLICT' | 'SCENARIO_TOO_MANY' | 'SCENARIO_TOO_HEAVY';
  message: string;
  /** Only on the closing SCENARIO_TOO_MANY entry of a capped list: how many were left out, and whether that count is exact. */
  more?: { count: number; exact: boolean };
}
