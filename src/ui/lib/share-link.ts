/**
 * A share link names a run, a moment of it, a packet and the view it is
 * seen in, with the timeline's zoom and the filters:
 * `?scenario=<built-in>&protocol=mptcp-v1&mitigations=tls,dh-keys&t=153511&frame=418&view=topology`
 * `&w=60000-70000` (the timeline's window, µs), `&marks=512&actor=attackers&hide=2,3`
 * (the ladder's option filter as MARK bits, its actor filter, the subflows
 * hidden, numbered as their chips are: SF2 is 2), `&q=ADD_ADDR&mptcp=1` (the
 * packet list's filter)
 * for a built-in with its switches, or `?doc=<scenario>&t=…&frame=…` for an
 * edited or opened scenario (its JSON, deflated, base64url). The same
 * scenario and seed give the same packets, so the frame number and moment
 * land on the same packet for whoever opens the link.
 *
 * A link is at most MAX_SHARE_LINK_BYTES long. The server refuses longer
 * ones before the app can load: Node's HTTP server (`npm start` is vite
 * preview on Node) answers 431 when a request's header section (the request
 * line, which carries the whole path and query, and every header after it)
 * is over 16 KiB (--max-http-header-size), and other servers and proxies
 * stop at 8 KiB. An edited scenario too big for that is shared as a file.
 */
import { SIM_PROTOCOLS, type SimProtocol, type SimulateSettings } from '../../worker/capture-client.ts';
import { SCENARIO_MAX_BYTES, type Scenario } from '../../engine/index.ts';
import { InflateTooBigError, inflateRawBounded } from './inflate-bounded.ts';
import { DEFAULT_VIEW } from '../store/main-views.ts';

export interface SharedRun {
  /** A built-in with switches, or null when the link carries the scenario itself. */
  scenarioId: string | null;
  settings: SimulateSettings;
  /** The encoded scenario document (`doc=`). */
  document: string | null;
  frame: number | null;
  /** The moment (µs of simulated time). */
  moment: number | null;
  /** The tab it was seen in (null: the default, the timeline). */
  view: SharedView | null;
  /** The timeline's zoom window (µs); null: the whole run. */
  window: SharedWindow | null;
  /** The ladder's filters; null: none. */
  timelineFilter: SharedTimelineFilter | null;
  /** The packet list's filter; null: none. */
  packetFilter: SharedPacketFilter | null;
}

export interface SharedWindow {
  t0: number;
  t1: number;
}

export const SHARED_ACTORS = ['all', 'attackers', 'hosts'] as const;

export interface SharedTimelineFilter {
  /** MARK bits (0: every packet). */
  marks: number;
  actor: (typeof SHARED_ACTORS)[number];
  /** Subflow indexes hidden (0-based; the link writes them 1-based, as the chips are named). */
  hiddenSubflows: number[];
}

export interface SharedPacketFilter {
  mptcpOnly: boolean;
  text: string;
}

/** The tabs a link can name. */
export const SHARED_VIEWS = ['overview', 'timeline', 'topology', 'packets', 'matrix', 'compare', 'surface'] as const;
export type SharedView = (typeof SHARED_VIEWS)[number];

const positiveInt = (v: string | null) => {
  const n = Number(v);
  return v !== null && v !== '' && Number.isInteger(n) && n >= 0 ? n : null;
};

/** The run a URL's query names, or null when it names none (unknown values are left to the engine to refuse). */
export function parseShareLink(search: string): SharedRun | null {
  const q = new URLSearchParams(search);
  const scenarioId = q.get('scenario');
  const document = q.get('doc');
  if (!scenarioId && !document) return null;
  const settings: SimulateSettings = {};
  const protocol = q.get('protocol');
  if (protocol && SIM_PROTOCOLS.includes(protocol as SimProtocol)) settings.protocol = protocol as SimProtocol;
  const mitigations = q.get('mitigations');
  if (mitigations !== null) settings.mitigations = mitigations.split(',').filter(Boolean);
  const frame = positiveInt(q.get('frame'));
  const view = q.get('view');
  const [t0, t1] = (q.get('w') ?? '').split('-').map(positiveInt);
  const marks = positiveInt(q.get('marks')) ?? 0;
  const actor = SHARED_ACTORS.find((a) => a === q.get('actor')) ?? 'all';
  const hidden = (q.get('hide') ?? '').split(',').map(positiveInt).filter((n): n is number => n !== null && n > 0).map((n) => n - 1);
  const text = q.get('q') ?? '';
  const mptcpOnly = q.get('mptcp') === '1';
  return {
    scenarioId: document ? null : scenarioId,
    settings,
    document,
    frame: frame && frame > 0 ? frame : null,
    moment: positiveInt(q.get('t')),
    view: view && (SHARED_VIEWS as readonly string[]).includes(view) ? (view as SharedView) : null,
    window: t0 !== undefined && t0 !== null && t1 !== undefined && t1 !== null && t1 > t0 ? { t0, t1 } : null,
    timelineFilter: marks !== 0 || actor !== 'all' || hidden.length > 0 ? { marks, actor, hiddenSubflows: hidden } : null,
    packetFilter: text !== '' || mptcpOnly ? { mptcpOnly, text } : null,
  };
}

/**
 * The longest share link the app writes (the whole address, in bytes): 8 KiB,
 * half of Node's 16 KiB header limit, so the request line and the browser's
 * other headers (cookies, user agent, accept lists) stay well under it.
 */
export const MAX_SHARE_LINK_BYTES = 8 * 1024;

/** The address's length in bytes as a request carries it (a URL the app writes is ASCII: URLSearchParams percent-encodes). */
export function linkBytes(url: string): number {
  return new TextEncoder().encode(url).length;
}

/** Whether a link to this address, with this query, is one every server accepts (see MAX_SHARE_LINK_BYTES). */
export function shareLinkFits(origin: string, pathname: string, query: string): boolean {
  return linkBytes(`${origin}${pathname}${query}`) <= MAX_SHARE_LINK_BYTES;
}

export interface ShareState {
  scenarioId: string;
  protocol: string;
  mitigations: readonly string[];
  /** The encoded scenario when it is not a built-in with switches. */
  document?: string;
  moment?: number | null;
  view?: SharedView;
  window?: SharedWindow | null;
  timelineFilter?: SharedTimelineFilter | null;
  packetFilter?: SharedPacketFilter | null;
}

export function shareLinkQuery(run: ShareState, frame: number | null): string {
  const q = run.document ? new URLSearchParams({ doc: run.document }) : new URLSearchParams({ scenario: run.scenarioId, protocol: run.protocol, mitigations: run.mitigations.join(',') });
  if (run.moment !== undefined && run.moment !== null) q.set('t', String(Math.round(run.moment)));
  if (frame !== null) q.set('frame', String(frame));
  if (run.view && run.view !== DEFAULT_VIEW) q.set('view', run.view);
  if (run.window) q.set('w', `${Math.round(run.window.t0)}-${Math.round(run.window.t1)}`);
  const f = run.timelineFilter;
  if (f && f.marks !== 0) q.set('marks', String(f.marks));
  if (f && f.actor !== 'all') q.set('actor', f.actor);
  if (f && f.hiddenSubflows.length > 0) q.set('hide', [...f.hiddenSubflows].sort((a, b) => a - b).map((k) => k + 1).join(','));
  if (run.packetFilter?.text) q.set('q', run.packetFilter.text);
  if (run.packetFilter?.mptcpOnly) q.set('mptcp', '1');
  return `?${q.toString()}`;
}

/** True when a draft is its built-in base but for the protocol and mitigation switches (a short link names it). */
export function isBuiltinWithSwitches(draft: Scenario, base: Scenario): boolean {
  const normalised: Scenario = { ...draft, protocol: base.protocol, mptcp: { ...draft.mptcp, mitigations: base.mptcp.mitigations } };
  return JSON.stringify(normalised) === JSON.stringify(base);
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Response(bytes as BodyInit).body!.pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** A document as URL-safe text: JSON, deflated, base64url. */
export async function packJson(value: unknown): Promise<string> {
  const packed = await pipe(new TextEncoder().encode(JSON.stringify(value)), new CompressionStream('deflate-raw'));
  let bin = '';
  for (const b of packed) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The JSON text `packJson` packed, unpacking at most `limit` bytes (InflateTooBigError past it). */
export async function unpackJson(text: string, limit: number): Promise<string> {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(await inflateRawBounded(bytes, limit));
}

/** A scenario as URL-safe text. */
export function encodeScenario(s: Scenario): Promise<string> {
  return packJson(s);
}

/**
 * The JSON text `encodeScenario` packed; throws a readable error when the text was damaged, or when it
 * unpacks past the scenario file limit (a few kB of deflate can unpack to gigabytes).
 */
export async function decodeScenario(text: string): Promise<string> {
  try {
    return await unpackJson(text, SCENARIO_MAX_BYTES);
  } catch (e) {
    if (e instanceof InflateTooBigError) throw new Error(`the link's scenario ("doc=") is too big: ${e.message}, the most a scenario may be`, { cause: e });
    throw new Error('the link\'s scenario ("doc=") is damaged: it is not a scenario this app packed (was the link cut short?)', { cause: e });
  }
}
