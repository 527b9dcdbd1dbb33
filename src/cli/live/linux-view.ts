/**
 * The Linux view of a live MPTCP host: pure parsers for what iproute2 prints
 * about one network namespace (`ss -MniH`, `ss -tniH`, `ip mptcp monitor`).
 * No process is spawned here (see linux-observer.ts), so the parsers are
 * tested on captured text.
 *
 * Formats were checked against iproute2 6.1 on Linux 6.18 (fixtures/). Newer
 * iproute2 prints more fields; every `key:value` / `key=value` is kept in a
 * `fields` record so nothing the tools print is lost, and the typed
 * properties are the ones the lab relies on. Parsers never throw: a line they
 * do not understand is skipped (ss) or kept as an 'unknown' event (monitor).
 */

/** One end of a socket as ss prints it: `198.18.1.1:80`, `[2001:db8::1]:80`, `[fe80::1%eth0]:22`, `*:80`, `0.0.0.0:*`. */
export interface SsAddress {
  /** Address without brackets or scope; `*` for ss's wildcard. */
  address: string;
  /** Port, or null when ss prints `*`. */
  port: number | null;
  /** Interface after `%` (link-local scope or a bound device), when shown. */
  scope?: string;
  /** The text as ss printed it. */
  raw: string;
}

/** Columns shared by every ss socket line (with -H there is no header). */
export interface SsSocketBase {
  /** ss state name, e.g. 'ESTAB', 'LISTEN', 'SYN-SENT', 'TIME-WAIT'. */
  state: string;
  recvQ: number;
  sendQ: number;
  local: SsAddress;
  remote: SsAddress;
  /** Every `key:value` of the info line (value as printed, e.g. `rtt:0.07/0.04`). */
  fields: Record<string, string>;
  /** Bare words of the info line, e.g. 'remote_key', 'fallback', 'bbr', 'app_limited'. */
  flags: string[];
}

/** An MPTCP-level socket from `ss -MniH`. */
export interface SsMptcpSocket extends SsSocketBase {
  /**
   * Additional subflows (MPTCP_INFO mptcpi_subflows: the initial subflow is
   * not counted). ss omits zero counters, so an absent field reads 0.
   */
  subflows: number;
  /** ADD_ADDRs this host signalled (0 when ss omits it). */
  addAddrSignal: number;
  /** ADD_ADDRs this host accepted from the peer (0 when ss omits it). */
  addAddrAccepted: number;
  /** The connection's local token, 8 lower-case hex digits (see normalizeToken), when printed. */
  token?: string;
  /** Present only with an iproute2 that prints them (6.1 does not) and when non-zero. */
  bytesSent?: number;
  bytesReceived?: number;
  bytesAcked?: number;
  /** ss printed `fallback`: the connection fell back to plain TCP. */
  fallback: boolean;
  /** ss printed `remote_key`: the peer's key was received. */
  remoteKey: boolean;
}

/** A TCP socket from `ss -tniH`; MPTCP subflows carry `tcp-ulp-mptcp`. */
export interface SsSubflow extends SsSocketBase {
  /** The socket has the MPTCP ULP (`tcp-ulp-mptcp`): it is a subflow or an MPTCP listener. */
  mptcp: boolean;
  /** Fields printed after `tcp-ulp-mptcp` (flags, token, seq, sfseq, ssnoff, maplen ...). */
  mptcpFields: Record<string, string>;
  /**
   * Subflow flag letters as ss prints them (iproute2 ss.c): M/m MP_CAPABLE
   * remote/local, J/j MP_JOIN remote/local, B/b backup remote/local,
   * e fully established, c connected, v mapping valid.
   */
  mptcpFlags?: string;
  /** Local connection token (the part after `/` in `token:REM(id:n)/LOC(id:m)`). */
  token?: string;
  /** Peer's token; 00000000 until it is known (only joins learn it). */
  remoteToken?: string;
  localId?: number;
  remoteId?: number;
  bytesSent?: number;
  bytesAcked?: number;
  bytesReceived?: number;
  segsOut?: number;
  segsIn?: number;
  /** `retrans:current/total`, when printed (only after a retransmission). */
  retrans?: { current: number; total: number };
}

/** One line of `ip mptcp monitor`. */
export interface MptcpMonitorEvent {
  /** Lower-cased event name ('created', 'sf_established', 'listener_created' ...) or 'unknown'. */
  type: string;
  token?: string;
  remoteId?: number;
  localId?: number;
  saddr?: string;
  daddr?: string;
  sport?: number;
  dport?: number;
  backup?: boolean;
  /** Subflow error (errno) on SF_CLOSED, when printed. */
  error?: number;
  /** Kernel event number when iproute2 printed `[UNKNOWN n]` (too old to name it). */
  kernelEventId?: number;
  /** `flags=` bit MPTCP_PM_EV_FLAG_SERVER_SIDE (2), when flags are printed. */
  serverSide?: boolean;
  /** Every `key=value` of the line, as printed. */
  fields: Record<string, string>;
  /** The line as read. */
  line: string;
}

const INT = /^\d+$/;
const HEX = /^[0-9a-fA-F]+$/;

function int(value: string | undefined): number | undefined {
  return value !== undefined && INT.test(value) ? Number(value) : undefined;
}

/**
 * MPTCP tokens are 32-bit; tools print them differently (`ss -M` with %x, so
 * 0779a0c6 shows as 779a0c6; the monitor with %08x; `ss -t` the peer's as
 * %04x). Eight lower-case digits make them comparable; non-hex gives undefined.
 */
export function normalizeToken(text: string | undefined): string | undefined {
  if (text === undefined || !HEX.test(text) || text.length > 8) return undefined;
  return text.toLowerCase().padStart(8, '0');
}

function portNumber(value: string | undefined): number | undefined {
  const n = int(value);
  return n !== undefined && n <= 65535 ? n : undefined;
}

/** Parses an ss address column. Never throws; an odd text keeps port null. */
export function parseSsAddress(raw: string): SsAddress {
  const colon = raw.lastIndexOf(':');
  let host = colon < 0 ? raw : raw.slice(0, colon);
  const portText = colon < 0 ? '*' : raw.slice(colon + 1);
  const port = portNumber(portText) ?? null;
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const pct = host.indexOf('%');
  const out: SsAddress = { address: pct < 0 ? host : host.slice(0, pct), port, raw };
  if (pct >= 0) out.scope = host.slice(pct + 1);
  return out;
}

/** ss info words followed by a separate value word (`send 12bps`). */
const SPACED_KEYS = new Set(['send', 'pacing_rate', 'pacing_rate_max', 'delivery_rate']);

/** Splits an info line on blanks, keeping `bbr:(bw:1bps, mrtt:2)` style groups whole. */
function infoWords(text: string): string[] {
  const words: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (/\s/.test(ch) && depth === 0) {
      if (cur) words.push(cur);
      cur = '';
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
    cur += ch;
  }
  if (cur) words.push(cur);
  return words;
}

interface RawSocket {
  state: string;
  recvQ: number;
  sendQ: number;
  local: SsAddress;
  remote: SsAddress;
  info: string[];
}

/** ss prints a Netid column first when it lists several socket kinds. */
const NETIDS = new Set(['tcp', 'mptcp', 'udp', 'raw', 'sctp', 'u_str', 'u_dgr', 'u_seq', 'nl', 'p_raw', 'p_dgr', 'v_str', 'v_dgr', 'xdp', 'tipc']);

/** Groups ss output into socket lines and their indented info lines. */
function splitSockets(text: string): RawSocket[] {
  const out: RawSocket[] = [];
  let cur: RawSocket | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    if (/^\s/.test(line)) {
      // an info line belongs to the socket line above it; orphans are dropped
      cur?.info.push(...infoWords(line));
      continue;
    }
    cur = null;
    const cols = line.trim().split(/\s+/);
    if (cols.length >= 6 && NETIDS.has(cols[0] ?? '')) cols.shift();
    const [state, rq, sq, local, remote, ...rest] = cols;
    const recvQ = int(rq);
    const sendQ = int(sq);
    if (!state || recvQ === undefined || sendQ === undefined || !local || !remote || !/^[A-Z][A-Z0-9-]*$/.test(state)) continue;
    // with -p the process column follows; anything else on the line is info
    cur = { state, recvQ, sendQ, local: parseSsAddress(local), remote: parseSsAddress(remote), info: rest.filter((w) => !w.startsWith('users:')) };
    out.push(cur);
  }
  return out;
}

/** Reads info words into key:value fields and bare flags. */
function readInfo(words: string[], fields: Record<string, string>, flags: string[]): void {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const colon = w.indexOf(':');
    if (colon > 0) {
      fields[w.slice(0, colon)] = w.slice(colon + 1);
    } else if (SPACED_KEYS.has(w) && i + 1 < words.length) {
      fields[w] = words[++i] ?? '';
    } else {
      flags.push(w);
    }
  }
}

/**
 * Parses `ss -MniH` (MPTCP-level sockets, one line each plus an info line).
 * Lines that are not socket lines are skipped.
 */
export function parseSsMptcp(text: string): SsMptcpSocket[] {
  return splitSockets(text).map(({ info, ...base }) => {
    const fields: Record<string, string> = {};
    const flags: string[] = [];
    readInfo(info, fields, flags);
    const sock: SsMptcpSocket = {
      ...base,
      fields,
      flags,
      subflows: int(fields.subflows) ?? 0,
      addAddrSignal: int(fields.add_addr_signal) ?? 0,
      addAddrAccepted: int(fields.add_addr_accepted) ?? 0,
      fallback: flags.includes('fallback'),
      remoteKey: flags.includes('remote_key'),
    };
    const token = normalizeToken(fields.token);
    if (token !== undefined) sock.token = token;
    const sent = int(fields.bytes_sent);
    const received = int(fields.bytes_received);
    const acked = int(fields.bytes_acked);
    if (sent !== undefined) sock.bytesSent = sent;
    if (received !== undefined) sock.bytesReceived = received;
    if (acked !== undefined) sock.bytesAcked = acked;
    return sock;
  });
}

const SUBFLOW_TOKEN = /^([0-9a-fA-F]+)\(id:(\d+)\)\/([0-9a-fA-F]+)\(id:(\d+)\)$/;

/**
 * Parses `ss -tniH` (TCP sockets). MPTCP subflows (and MPTCP listeners) are
 * the ones with `tcp-ulp-mptcp`; the words after it go to `mptcpFields`.
 */
export function parseSsSubflows(text: string): SsSubflow[] {
  return splitSockets(text).map(({ info, ...base }) => {
    const ulp = info.indexOf('tcp-ulp-mptcp');
    const fields: Record<string, string> = {};
    const flags: string[] = [];
    const mptcpFields: Record<string, string> = {};
    readInfo(ulp < 0 ? info : info.slice(0, ulp), fields, flags);
    // the ULP part has no bare words worth keeping apart from the ULP name
    if (ulp >= 0) readInfo(info.slice(ulp + 1), mptcpFields, flags);
    const sf: SsSubflow = { ...base, fields, flags, mptcp: ulp >= 0, mptcpFields };
    if (mptcpFields.flags !== undefined) sf.mptcpFlags = mptcpFields.flags;
    const tok = SUBFLOW_TOKEN.exec(mptcpFields.token ?? '');
    const remoteToken = normalizeToken(tok?.[1]);
    const localToken = normalizeToken(tok?.[3]);
    if (tok && remoteToken !== undefined && localToken !== undefined) {
      sf.remoteToken = remoteToken;
      sf.remoteId = Number(tok[2]);
      sf.token = localToken;
      sf.localId = Number(tok[4]);
    }
    const numeric: [keyof SsSubflow & ('bytesSent' | 'bytesAcked' | 'bytesReceived' | 'segsOut' | 'segsIn'), string][] = [
      ['bytesSent', 'bytes_sent'], ['bytesAcked', 'bytes_acked'], ['bytesReceived', 'bytes_received'], ['segsOut', 'segs_out'], ['segsIn', 'segs_in'],
    ];
    for (const [prop, key] of numeric) {
      const v = int(fields[key]);
      if (v !== undefined) sf[prop] = v;
    }
    const rt = /^(\d+)\/(\d+)$/.exec(fields.retrans ?? '');
    if (rt) sf.retrans = { current: Number(rt[1]), total: Number(rt[2]) };
    return sf;
  });
}

/**
 * Kernel event numbers (uapi linux/mptcp.h, enum mptcp_event_type) under the
 * names iproute2 uses; iproute2 older than the event prints `[UNKNOWN n]`
 * (6.1 does so for the listener events, seen in fixtures/monitor-v4-server.txt).
 */
const KERNEL_EVENTS: Record<number, string> = {
  1: 'created', 2: 'established', 3: 'closed', 6: 'announced', 7: 'removed',
  10: 'sf_established', 11: 'sf_closed', 13: 'sf_priority', 15: 'listener_created', 16: 'listener_closed',
};

/** MPTCP_PM_EV_FLAG_SERVER_SIDE in the `flags=` attribute. */
const SERVER_SIDE = 2;

/** Parses one `ip mptcp monitor` line; anything unrecognised is type 'unknown'. */
export function parseMonitorLine(line: string): MptcpMonitorEvent {
  const m = /^\s*\[\s*([A-Za-z_]+)(?:\s+(\d+))?\s*\](.*)$/.exec(line);
  if (!m) return { type: 'unknown', fields: {}, line };
  const name = (m[1] ?? '').toLowerCase();
  const ev: MptcpMonitorEvent = { type: name, fields: {}, line };
  if (m[2] !== undefined) {
    ev.kernelEventId = Number(m[2]);
    ev.type = name === 'unknown' ? KERNEL_EVENTS[ev.kernelEventId] ?? 'unknown' : 'unknown';
  }
  for (const word of (m[3] ?? '').trim().split(/\s+/)) {
    const eq = word.indexOf('=');
    if (eq > 0) ev.fields[word.slice(0, eq)] = word.slice(eq + 1);
  }
  const f = ev.fields;
  const token = normalizeToken(f.token);
  if (token !== undefined) ev.token = token;
  const setNum = (prop: 'remoteId' | 'localId' | 'sport' | 'dport' | 'error', key: string): void => {
    const v = prop === 'sport' || prop === 'dport' ? portNumber(f[key]) : int(f[key]);
    if (v !== undefined) ev[prop] = v;
  };
  setNum('remoteId', 'remid');
  setNum('localId', 'locid');
  setNum('sport', 'sport');
  setNum('dport', 'dport');
  setNum('error', 'error');
  const saddr = f.saddr4 ?? f.saddr6;
  const daddr = f.daddr4 ?? f.daddr6;
  if (saddr !== undefined) ev.saddr = saddr;
  if (daddr !== undefined) ev.daddr = daddr;
  const backup = int(f.backup);
  if (backup !== undefined) ev.backup = backup !== 0;
  const flags = int(f.flags);
  if (flags !== undefined) ev.serverSide = (flags & SERVER_SIDE) !== 0;
  return ev;
}

/** Parses `ip mptcp monitor` output, one event per non-blank line. Never throws. */
export function parseMptcpMonitor(text: string): MptcpMonitorEvent[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '').map(parseMonitorLine);
}

/**
 * `nstat -asz` output (absolute values, zeros too, history file untouched):
 * counter name → value. The `#kernel` header and lines that are not
 * `NAME VALUE RATE` are skipped, so a partial capture still parses.
 */
export function parseNstat(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z][A-Za-z0-9]*)\s+(\d+)(?:\s|$)/.exec(line.trim());
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

/** How much each counter grew between two `nstat -asz` captures (a counter absent from either reads 0 there). */
export function nstatDelta(before: string, after: string): Map<string, number> {
  const a = parseNstat(before);
  const b = parseNstat(after);
  const out = new Map<string, number>();
  for (const name of new Set([...a.keys(), ...b.keys()])) out.set(name, (b.get(name) ?? 0) - (a.get(name) ?? 0));
  return out;
}
