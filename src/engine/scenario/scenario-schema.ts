/**
 * The scenario document's shape, written once in the schema DSL: it
 * validates, fills defaults and publishes JSON Schema. It mirrors `types.ts`,
 * and the compiler checks that (see the end of this file). Cross-references
 * (ids, link ends, addresses, reachability) are checked in `references.ts`.
 */
import { ADDRESS_FORMAT, CIDR_FORMAT } from './addresses.ts';
import {
  anyObject,
  arr,
  bool,
  describe,
  enumOf,
  int,
  literal,
  named,
  nullable,
  num,
  obj,
  str,
  tuple,
  union,
  withDefault,
  type In,
  type Out,
  type StringFormat,
} from './schema-dsl.ts';
import { HOST_MITIGATIONS, SCENARIO_SCHEMA_VERSION, type Scenario } from './types.ts';
import { ATTACK_IDS } from '../attacks/catalog.ts';
import { LIMITS } from './limits.ts';
import { FAILURES } from '../monitors/failure-catalog.ts';

const FAILURE_IDS = FAILURES.map((f) => f.id);

const SECOND_US = 1_000_000;
const HOUR_US = 3600 * SECOND_US;

const id = (description: string) =>
  str({
    pattern: /^[a-z][a-z0-9-]*$/,
    patternText: "an id: a lowercase letter, then lowercase letters, digits or '-'",
    maxLength: 64,
    description,
  });
const label = str({ minLength: 1, maxLength: 100, description: 'Name shown in the app instead of the id.' });
const interfaceRef = (description: string) =>
  str({
    pattern: /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/,
    patternText: 'an interface reference "<nodeId>.<interfaceId>", like "client.eth0"',
    description,
  });
const port = (description: string) => int({ min: 1, max: 65535, description });
const microseconds = (min: number, max: number, description: string) => int({ min, max, unit: 'microseconds', description });
const hostAddress = (description: string) => str({ format: ADDRESS_FORMAT, description });
const asciiText = (description: string) =>
  str({ pattern: /^[\x20-\x7e]*$/, patternText: 'printable ASCII text', minLength: 1, maxLength: 1000, description });

const interfaceSpec = named(
  'interface',
  obj(
    {
      id: id('Interface id, unique within its node: "eth0".'),
      addresses: arr(str({ format: CIDR_FORMAT }), {
        min: 1,
        max: 16,
        description: 'CIDR text: "198.18.1.1/24", "2001:db8:1::1/64". Unique across the scenario.',
      }),
    },
    { description: 'A network interface and its addresses.' },
  ),
);

const endpoint = named(
  'pathManagerEndpoint',
  obj(
    {
      address: hostAddress("Address of one of the host's interfaces."),
      port: port('Only with flags ["signal"]: an extra listening port to announce.'),
      flags: arr(enumOf(['signal', 'subflow', 'backup', 'fullmesh'], { noun: 'an endpoint flag' }), {
        unique: true,
        max: 4,
        description: 'signal: announce with ADD_ADDR; subflow: open a subflow from it; backup: mark its subflows backup; fullmesh: a subflow to every known peer address.',
      }),
      id: int({ min: 1, max: 255, description: 'Address ID; assigned in order when absent.' }),
    },
    { optional: ['port', 'id'], description: 'Like `ip mptcp endpoint add ADDR [port P] FLAGS`.' },
  ),
);

const limits = named(
  'pathManagerLimits',
  obj(
    {
      subflows: withDefault(int({ min: 0, max: 8, description: 'Extra subflows per connection (Linux `ip mptcp limits subflows`).' }), 2),
      addAddrAccepted: withDefault(int({ min: 0, max: 8, description: 'ADD_ADDR announcements acted on per connection (Linux `add_addr_accepted`).' }), 0),
    },
    { description: "Linux's `ip mptcp limits`." },
  ),
);

const pathManager = named(
  'pathManager',
  obj(
    {
      endpoints: withDefault(arr(endpoint, { max: 255 }), []),
      limits: withDefault(limits, {}),
    },
    { description: "The host's in-kernel path manager, like Linux's." },
  ),
);

const hostMptcp = named(
  'hostMptcp',
  obj(
    {
      versions: arr(enumOf(['v0', 'v1'], { noun: 'an MPTCP version' }), {
        min: 1,
        unique: true,
        description:
          "The MPTCP versions the host speaks: it offers the highest in its SYNs and answers each SYN with the highest it speaks at or below the offered one (RFC 8684 §3.1). Absent: the protocol's version only.",
      }),
      allowJoinInitialAddrPort: bool({
        description: "Linux's net.mptcp.allow_join_initial_addr_port (absent: true). false: v1 MP_CAPABLEs carry the C flag and joins to the initial address and port are refused.",
      }),
    },
    { optional: ['versions', 'allowJoinInitialAddrPort'], description: "The host's own MPTCP settings; ignored when the protocol is \"tcp\"." },
  ),
);

const nodeHints = { pathManager: 'only hosts have a path manager', mptcp: 'only hosts speak MPTCP' };

const host = named(
  'host',
  obj(
    {
      id: id('Node id, unique across hosts, routers, NATs and middleboxes.'),
      label,
      interfaces: arr(interfaceSpec, { min: 1, max: 16 }),
      pathManager: withDefault(pathManager, {}),
      mptcp: hostMptcp,
    },
    { optional: ['label', 'mptcp'], description: 'An end host: runs TCP/MPTCP and applications.' },
  ),
);

const router = named(
  'router',
  obj(
    {
      id: id('Node id, unique across hosts, routers, NATs and middleboxes.'),
      label,
      interfaces: arr(interfaceSpec, { min: 1, max: 64 }),
    },
    { optional: ['label'], hints: nodeHints, description: 'Forwards packets between its interfaces.' },
  ),
);

const nat = named(
  'nat',
  obj(
    {
      id: id('Node id, unique across hosts, routers, NATs and middleboxes.'),
      label,
      inside: interfaceSpec,
      outside: interfaceSpec,
      publicAddress: hostAddress("Source address given to packets leaving through `outside`; defaults to the outside interface's first address."),
      portBase: withDefault(port('First port of the translation range.'), 40000),
    },
    {
      optional: ['label', 'publicAddress'],
      hints: nodeHints,
      description: 'A source NAT (NAPT): rewrites source address and port of packets leaving through `outside`; MPTCP options untouched.',
    },
  ),
);

const middlebox = named(
  'middlebox',
  obj(
    {
      id: id('Node id, unique across hosts, routers, NATs and middleboxes.'),
      label,
      kind: enumOf(['strip-mptcp', 'rewrite-payload', 'drop-handshake', 'split-segments', 'coalesce-segments'], {
        noun: 'a middlebox kind',
        description:
          'strip-mptcp: every MPTCP option becomes NOPs; rewrite-payload: payload bytes matching `match` become `replace`; drop-handshake: the first copy of each handshake segment named in `drop` is lost; split-segments: segments longer than `splitAtBytes` are cut into pieces that each carry the options; coalesce-segments: in-order data segments arriving within `coalesceWithinUs` are merged, keeping the first one\'s options.',
      }),
      interfaces: tuple([interfaceSpec, interfaceSpec], { description: 'The two sides of the bump in the wire.' }),
      match: asciiText('rewrite-payload only: text to find.'),
      replace: asciiText('rewrite-payload only: replacement, as long as `match`.'),
      stripData: obj(
        {
          fromUs: microseconds(0, HOUR_US, 'Strip from this time on; before it, options pass.'),
          direction: enumOf(['a-to-b', 'b-to-a'], { noun: 'a direction', description: 'a-to-b: from interfaces[0] to interfaces[1].' }),
          segments: enumOf(['data', 'all'], { noun: 'which segments', description: 'data (the default): only segments with payload; all: pure ACKs too.' }),
        },
        {
          optional: ['segments'],
          description: 'strip-mptcp only: strip MPTCP options from a time on, in one direction, from segments with payload (or all of them) (options lost after the handshake, RFC 8684 §3.7). Absent: every segment, always.',
        },
      ),
      stripOnly: enumOf(['syn-ack'], {
        noun: 'a segment to strip',
        description: 'strip-mptcp only: strip MPTCP options only from SYN/ACKs (a path that loses them on the handshake reply, RFC 8684 §3.1).',
      }),
      drop: arr(enumOf(['syn', 'syn-ack', 'third-ack'], { noun: 'a handshake segment' }), {
        min: 1,
        unique: true,
        description: 'drop-handshake only: the handshake segments whose first copy (per connection or subflow) is lost; retransmissions pass.',
      }),
      splitAtBytes: int({
        min: 1,
        max: 65535,
        unit: 'bytes',
        description: 'split-segments only: the most payload bytes a segment leaves with; longer ones are cut, each piece carrying a copy of the options (TCP segmentation offload).',
      }),
      coalesceWithinUs: microseconds(
        1,
        SECOND_US,
        'coalesce-segments only: how long a data segment waits for the next in-order segments of its flow, which are merged into it without their options (LRO/GRO); merged segments never exceed the outgoing link\'s MTU.',
      ),
    },
    { optional: ['label', 'match', 'replace', 'stripData', 'stripOnly', 'drop', 'splitAtBytes', 'coalesceWithinUs'], hints: nodeHints, description: 'A bump in the wire between two interfaces.' },
  ),
);

const link = named(
  'link',
  obj(
    {
      id: id('Link id, unique among links.'),
      a: interfaceRef('One end: "<nodeId>.<interfaceId>".'),
      b: interfaceRef('The other end: "<nodeId>.<interfaceId>".'),
      delayUs: microseconds(0, 10 * SECOND_US, 'One-way propagation delay.'),
      bandwidthBps: int({ min: 1_000, max: 100_000_000_000, unit: 'bits per second', description: 'Rate of each direction.' }),
      lossRate: withDefault(num({ min: 0, max: 0.5, description: 'Probability that a packet is lost, per direction.' }), 0),
      queuePackets: withDefault(int({ min: 1, max: 100_000, unit: 'packets', description: 'Drop-tail queue length per direction.' }), 1000),
      mtuBytes: withDefault(int({ min: 576, max: 65535, unit: 'bytes', description: 'Largest IP packet; at least 1280 where an end has an IPv6 address.' }), 1500),
    },
    { description: 'A point-to-point link between two interfaces.' },
  ),
);

const trafficId = id('Traffic id, unique among traffic.');
const trafficCommon = {
  from: id('Host that connects.'),
  to: id('Host that listens.'),
  toAddress: hostAddress("Destination address, one of `to`'s; defaults to the first address of its first interface."),
  port: port('Destination port.'),
  startUs: withDefault(microseconds(0, HOUR_US, 'When the connection is opened.'), 0),
};

const bulk = named(
  'bulkTraffic',
  obj(
    {
      id: trafficId,
      kind: literal('bulk'),
      ...trafficCommon,
      bytes: int({ min: 1, max: LIMITS.trafficBytes, unit: 'bytes', description: 'Bytes sent from `from` to `to`.' }),
    },
    { optional: ['toAddress'], description: 'One connection sending a fixed number of bytes.' },
  ),
);

const requestResponse = named(
  'requestResponseTraffic',
  obj(
    {
      id: trafficId,
      kind: literal('request-response'),
      ...trafficCommon,
      requestBytes: int({ min: 1, max: LIMITS.trafficBytes, unit: 'bytes', description: 'Size of each request, from `from` to `to`.' }),
      responseBytes: int({ min: 0, max: LIMITS.trafficBytes, unit: 'bytes', description: 'Size of each response.' }),
      count: int({ min: 1, max: LIMITS.exchanges, description: 'Request/response exchanges on the one connection.' }),
      intervalUs: withDefault(microseconds(0, HOUR_US, 'Pause between a response and the next request.'), 0),
    },
    { optional: ['toAddress'], description: 'One connection carrying request/response exchanges.' },
  ),
);

const traffic = union('kind', { bulk, 'request-response': requestResponse }, { noun: 'a traffic kind' });

const actionAt = microseconds(0, HOUR_US, 'Simulated time at which it happens.');
const linkAction = <K extends 'link-down' | 'link-up'>(kind: K, description: string) =>
  named(
    kind === 'link-down' ? 'linkDownAction' : 'linkUpAction',
    obj({ atUs: actionAt, kind: literal(kind), link: id('Id of the link.') }, { description }),
  );
const endpointRemove = named(
  'endpointRemoveAction',
  obj(
    { atUs: actionAt, kind: literal('endpoint-remove'), host: id('Host whose endpoint goes.'), address: hostAddress("One of the host's addresses.") },
    { description: '`ip mptcp endpoint delete`: REMOVE_ADDR for the address, and its subflows close.' },
  ),
);
const endpointBackup = named(
  'endpointBackupAction',
  obj(
    {
      atUs: actionAt,
      kind: literal('endpoint-backup'),
      host: id('Host whose endpoint changes.'),
      address: hostAddress("One of the host's addresses."),
      backup: bool({ description: 'true: backup; false: regular.' }),
    },
    { description: '`ip mptcp endpoint change ADDR backup|nobackup`: MP_PRIO on the subflows from the address.' },
  ),
);
const appAbort = named(
  'appAbortAction',
  obj(
    {
      atUs: actionAt,
      kind: literal('app-abort'),
      traffic: id('Id of the traffic entry whose connection goes.'),
      side: enumOf(['client', 'server'], { noun: 'a side', description: "Whose application aborts: the traffic's from (client) or to (server)." }),
    },
    { description: 'The application tears its connection down with unread data: MP_FASTCLOSE under MPTCP, a RST under TCP.' },
  ),
);
const action = union(
  'kind',
  {
    'link-down': linkAction('link-down', 'The link drops every packet put on it from now on.'),
    'link-up': linkAction('link-up', 'The link carries packets again.'),
    'endpoint-remove': endpointRemove,
    'endpoint-backup': endpointBackup,
    'app-abort': appAbort,
  },
  { noun: 'an action kind' },
);

const u32 = (description: string) => int({ min: 0, max: 0xffff_ffff, description });
const seqRange = (description: string) =>
  obj({ from: u32('The first value.'), to: u32('The last value (counted upward from "from", wrapping at 2^32).') }, { description });
const U64_MAX = (1n << 64n) - 1n;
/** A 64-bit unsigned integer written in decimal, as JSON writes data sequence numbers (DESIGN.md §4). */
const U64_DECIMAL: StringFormat = {
  name: 'uint64-decimal',
  expected: 'a 64-bit unsigned integer in decimal, like "18446744073709551615"',
  pattern: '^[0-9]{1,20}$',
  check: (text) => (!/^[0-9]{1,20}$/.test(text) ? 'write decimal digits only' : BigInt(text) > U64_MAX ? 'it is more than 2^64 − 1' : null),
};
const windowBytes = (description: string) => int({ min: 1, max: 1 << 30, unit: 'bytes', description });

const prior = named(
  'attackerPrior',
  obj(
    {
      clientAddress: hostAddress('The client address of the subflow it targets (otherwise it tries each of the client\'s addresses).'),
      clientPort: port("The client's ephemeral port (otherwise it tries each of Linux's 32768–60999)."),
      seq: seqRange("Where the victim's RCV.NXT lies: sequence guesses step through it by the receive window (RFC 7430 §2)."),
      ack: seqRange("Where the victim's SND.UNA lies: ACK guesses step through it by MAX.SND.WND (RFC 5961 §5.2)."),
      windowBytes: windowBytes("The victim's receive window RCV.WND, the step of in-window sequence guesses (otherwise Linux's 6 MiB)."),
      maxSendWindowBytes: windowBytes("The victim's MAX.SND.WND, the step of ACK guesses (otherwise windowBytes)."),
      ssn: seqRange("Where the relative subflow sequence number of the victim's RCV.NXT lies (RFC 8684 §3.3.1)."),
      dsn: obj(
        {
          from: str({ format: U64_DECIMAL, description: 'The first value.' }),
          to: str({ format: U64_DECIMAL, description: 'The last value (counted upward from "from", wrapping at 2^64).' }),
        },
        { description: 'Where the data sequence number the victim expects next lies.' },
      ),
      checksums: bool({ description: "The hosts use DSS checksums, so forged mappings carry one (otherwise it assumes Linux's default: off)." }),
      tokens: arr(str({ pattern: /^[0-9a-f]{8}$/, patternText: 'a token: 8 lowercase hex digits', description: 'A token.' }), {
        min: 1,
        max: 100_000,
        unique: true,
        description: "Candidate tokens of the server's connection (otherwise all 2^32).",
      }),
    },
    {
      optional: ['clientAddress', 'clientPort', 'seq', 'ack', 'windowBytes', 'maxSendWindowBytes', 'ssn', 'dsn', 'checksums', 'tokens'],
      description:
        'What the attacker knows before the run (for demonstrations and tests), as if learned some other way: each field narrows the blind search it would otherwise run over the whole space, and its expected number of guesses. Values are those of the victim, the end that receives the forged packets.',
    },
  ),
);

const attacker = named(
  'attacker',
  obj(
    {
      id: id('Attacker id, unique among attackers.'),
      label,
      location: enumOf(['off-path', 'partial-time-on-path', 'on-path'], {
        noun: 'an attacker location',
        description: 'off-path: sees nothing, can only send spoofed packets; partial-time-on-path: on its links inside its window; on-path: on its links for the whole run.',
      }),
      capability: enumOf(['eavesdropper', 'active'], {
        noun: 'an attacker capability',
        description: 'eavesdropper: observes only; active: may send (spoofing any source) and, where on path, drop, delay or rewrite.',
      }),
      at: arr(id('A link or router id.'), {
        min: 1,
        max: 64,
        unique: true,
        description: 'Links and routers it sits on (a router means all its links); for an off-path attacker, where its packets enter the network.',
      }),
      window: obj(
        { fromUs: microseconds(0, HOUR_US, 'When it arrives.'), toUs: microseconds(0, HOUR_US, 'When it leaves.') },
        { description: 'partial-time-on-path only: when it holds its place. It keeps what it learned afterwards.' },
      ),
      attack: enumOf(ATTACK_IDS, { noun: 'an attack', description: 'The attack it follows (security-model.md §3).' }),
      params: withDefault(anyObject({ description: "The attack's parameters; each attack documents its own." }), {}),
      guessBudget: withDefault(int({ min: 0, max: LIMITS.guessBudget, unit: 'packets', description: 'Blind guesses (packets carrying guessed values) it may send.' }), 1000),
      address: hostAddress('An address of its own, reachable through the first router it sits at, for attacks that make hosts connect to it.'),
      prior,
    },
    { optional: ['label', 'window', 'address', 'prior'], description: 'An attacker: a location, a capability, where it sits, and the attack it follows.' },
  ),
);

const mptcp = named(
  'mptcp',
  obj(
    {
      scheduler: withDefault(
        enumOf(['lowest-rtt', 'round-robin', 'redundant'], { noun: 'a scheduler', description: 'Which subflow sends the next data.' }),
        'lowest-rtt',
      ),
      congestionControl: withDefault(
        enumOf(['newreno', 'lia'], { noun: 'a congestion control', description: 'newreno per subflow, or LIA coupled across subflows (RFC 6356).' }),
        'newreno',
      ),
      checksums: withDefault(bool({ description: 'Hosts request DSS checksums (Linux net.mptcp.checksum_enabled).' }), false),
      mitigations: withDefault(
        arr(enumOf(HOST_MITIGATIONS, { noun: 'a mitigation' }), {
          unique: true,
          description: 'Mitigations switched on for every host, beyond what the version implies.',
        }),
        [],
      ),
      macAlgorithm: withDefault(
        enumOf(['version-default', 'hmac-sha1', 'hmac-sha256', 'aes-cmac'], {
          noun: 'a MAC algorithm',
          description: 'The MAC of join and ADD_ADDR HMACs: the version\'s own (v0 HMAC-SHA1, v1 HMAC-SHA256), or another; AES-CMAC is a what-if.',
        }),
        'version-default',
      ),
      halfOpenJoinLimit: withDefault(
        nullable(int({ min: 0, max: 65535 }), { description: 'Half-open MP_JOINs a host keeps per connection; null = no limit of its own (Linux).' }),
        null,
      ),
    },
    { description: 'Connection-level settings; ignored when protocol is "tcp".' },
  ),
);

const thresholds = named(
  'thresholds',
  obj(
    {
      stallUs: withDefault(microseconds(1, HOUR_US, 'No application progress for longer than this counts as a stall.'), SECOND_US),
      degradationPercent: withDefault(
        num({ min: 0, max: 100, unit: 'percent', description: 'Goodput loss, in percent of the attacker-free run, that counts as degradation.' }),
        30,
      ),
    },
    { description: 'When monitors call a run stalled or degraded.' },
  ),
);

const review = named(
  'review',
  obj(
    {
      decisions: withDefault(
        arr(
          named(
            'reviewDecision',
            obj(
              {
                attack: str({ pattern: /^[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)?$/, patternText: 'an attack id, or "attack:variant"', maxLength: 100, description: 'The attack, with its variant after a colon ("blind-reset:remove-addr").' }),
                place: str({ pattern: /^[a-z][a-z0-9-]*$/, patternText: 'a link or router id, or "off-path"', maxLength: 64, description: 'Where the attacker stands: a link or router id, or "off-path".' }),
                location: enumOf(['off-path', 'partial-time-on-path', 'on-path'], { noun: 'an attacker location' }),
                capability: enumOf(['eavesdropper', 'active'], { noun: 'an attacker capability' }),
                window: withDefault(nullable(enumOf(['handshake', 'join', 'data'], { noun: 'a protocol phase' }), { description: "A partial-time attacker's window, by the protocol phase it covers; null for the others." }), null),
                failure: enumOf(FAILURE_IDS, { noun: 'a failure id' }),
                status: withDefault(enumOf(['open', 'mitigated', 'accepted', 'not-applicable'], { noun: 'a review status', description: 'open, mitigated, accepted (an accepted risk) or not-applicable.' }), 'open'),
                severity: enumOf(['high', 'medium', 'low'], { noun: 'a severity', description: "Defaults, in the app, from the failure's STRIDE category and whether it is MPTCP-specific." }),
                owner: withDefault(str({ maxLength: 100, description: 'Who follows it up.' }), ''),
                comment: withDefault(str({ maxLength: 4000, description: 'Why: the reviewer\'s reasoning, the mitigation chosen, the risk accepted.' }), ''),
              },
              { description: 'A reviewer\'s decision about one failure the surface map found.' },
            ),
          ),
          { max: LIMITS.reviewDecisions },
        ),
        [],
      ),
      reviewed: withDefault(arr(str({ maxLength: 300 }), { max: LIMITS.reviewDecisions, description: 'The findings the surface map showed when the review was last saved (a later run flags any other as new).' }), []),
    },
    { description: 'A design review of this scenario: decisions about the failures its attack-surface map found. Runs ignore it.' },
  ),
);

export const scenarioSchema = obj(
  {
    schemaVersion: literal(SCENARIO_SCHEMA_VERSION, { description: 'Version of this format.' }),
    id: id('Scenario id.'),
    title: str({ minLength: 1, maxLength: 200, description: 'One line shown in the scenario list.' }),
    description: str({ maxLength: 4000, description: 'What happens and what to look at, for a student.' }),
    seed: int({ min: 0, max: 0xffff_ffff, description: 'Seed of every random draw; same scenario and seed, same run.' }),
    durationUs: withDefault(microseconds(1, LIMITS.durationUs, 'The run stops at this simulated time even if traffic is still going.'), 60 * SECOND_US),
    protocol: enumOf(['tcp', 'mptcp-v0', 'mptcp-v1'], {
      noun: 'a protocol',
      description: 'tcp: plain TCP; mptcp-v0: RFC 6824 (SHA-1); mptcp-v1: RFC 8684 (SHA-256), as Linux speaks it.',
    }),
    hosts: arr(host, { min: 1, max: 64 }),
    routers: withDefault(arr(router, { max: 64 }), []),
    nats: withDefault(arr(nat, { max: 64 }), []),
    middleboxes: withDefault(arr(middlebox, { max: 64 }), []),
    links: arr(link, { max: 256 }),
    traffic: withDefault(arr(describe(traffic, 'A connection and what its application does.'), { max: 64 }), []),
    actions: withDefault(arr(describe(action, 'A change at a set time during the run.'), { max: 256 }), []),
    attackers: withDefault(arr(attacker, { max: LIMITS.attackers }), []),
    mptcp: withDefault(mptcp, {}),
    thresholds: withDefault(thresholds, {}),
    ui: anyObject({ description: 'Positions and other view state; the engine ignores it.' }),
    review,
  },
  { optional: ['ui', 'review'], description: 'An MPTCP Threat Lab scenario: topology, traffic, protocol settings.' },
);

/** A scenario document as a person may write it: fields with defaults may be left out. */
export type ScenarioInput = In<typeof scenarioSchema>;

// ------------------------------------------------------------ compile-time mirror check
// The filled schema type must be assignable to `Scenario`, and once optional
// marks are set aside the two must be identical: a field added to types.ts
// but not here (or with another type) fails to compile.
type DeepRequired<T> = T extends readonly unknown[]
  ? { [K in keyof T]: DeepRequired<T[K]> }
  : T extends object
    ? { -readonly [K in keyof T]-?: DeepRequired<T[K]> }
    : T;
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const _filledIsScenario = (s: Out<typeof scenarioSchema>): Scenario => s;
const _sameFields: Equals<DeepRequired<Out<typeof scenarioSchema>>, DeepRequired<Scenario>> = true;
