/**
 * Messages between the main thread and the capture worker. Everything here is
 * structured-clone data: errors travel as `{ code, message }`, never as
 * exception objects, and the file's bytes stay on the worker side.
 */
import type { AnalysisReport, CaptureRun, FrameDissection, GoalCheck, LessonGoal, LessonOutcome, MatrixCell, PacketRow, Scenario, TimelineData } from '../engine/index.ts';

/** A coded failure as data (what `describeError` gives). */
export interface WireError {
  code: string;
  message: string;
}

/** 'simulating': the run itself; 'judging': the single-path baseline that labels its failures. */
export type LoadPhase = 'reading' | 'analyzing' | 'simulating' | 'judging';

export interface LoadProgress {
  phase: LoadPhase;
  /** Bytes read or analyzed so far; for a simulation, packets so far (of about `total`, the estimate). */
  done: number;
  total: number;
  /** Simulation phases only: the simulated time reached, in µs. */
  simUs?: number;
  /** Frames read so far (while opening a capture). */
  packets?: number;
}

/** Runs of more packets than this (estimated), or of a bulk transfer over KEEP_BULK_BYTES_UP_TO, keep a digest and the summary, not every packet. */
export const KEEP_PACKETS_UP_TO = 150_000;
export const KEEP_BULK_BYTES_UP_TO = 50_000_000;

/** Whether the app keeps a run's packets (a capture, a timeline) or only its digest: the worker runs it so, the app estimates it so. */
export function keepsPackets(scenario: Pick<Scenario, 'traffic'>, estimatedPackets: number): boolean {
  return estimatedPackets <= KEEP_PACKETS_UP_TO && !scenario.traffic.some((t) => t.kind === 'bulk' && t.bytes > KEEP_BULK_BYTES_UP_TO);
}

/** What the packet list may be narrowed to. */
export interface PacketFilter {
  mptcpOnly: boolean;
  /** Case-insensitive text to look for in the source, destination, protocol and info columns. */
  text: string;
}

/** A report as the page gets it: every count, but the capture's problem list cut (a damaged file can name one per frame). */
export type PageReport = AnalysisReport & {
  /** Problems of the capture beyond those listed in `problems`: counted, not sent. */
  problemsNotSent?: number;
};

export interface OpenedCapture {
  captureId: number;
  report: PageReport;
  /** Frames indexed: the packet list's length without a filter (the first `MAX_INDEXED_FRAMES` of a huge capture). */
  packets: number;
  /** Frames in the capture, all analyzed (more than `packets` when the index was capped). */
  frames: number;
  /** The capture as a ladder over the network its addresses imply; null without MPTCP subflows, and for a simulated run's own capture (the run has its ladder). */
  run: CaptureRun | null;
}

/** One frame taken apart: the field tree over its bytes. */
export type FrameDetail = FrameDissection & { frame: number; bytes: Uint8Array; time: number };

/** A built-in scenario the app can simulate. */
export interface ScenarioInfo {
  id: string;
  title: string;
  description: string;
  protocol: string;
  /** Its attackers' attacks (empty for a network without attackers). */
  attacks: string[];
  /** The mitigations it turns on. */
  mitigations: string[];
}

export type SimProtocol = 'mptcp-v0' | 'mptcp-v1' | 'tcp';
export const SIM_PROTOCOLS: readonly SimProtocol[] = ['mptcp-v0', 'mptcp-v1', 'tcp'];

/** What the app may change in a built-in before running it; absent fields keep the scenario's own. */
export interface SimulateSettings {
  protocol?: SimProtocol;
  mitigations?: string[];
}

/** A security failure as the app shows it; `frames` are its evidence packets in the run's capture. */
export interface FailureView {
  id: string;
  name: string;
  stride: string;
  /** Where the attack that caused it is described (its attackers' attacks), e.g. "RFC 7430 §2". */
  rfc: string;
  timeUs: number;
  mptcpSpecific: boolean;
  explanation: string;
  frames: number[];
  /** Its measured amplification, e.g. "6.86 state bytes per attacker byte"; null when it has none. */
  amplification: string | null;
}

/** An attacker of the run: its class, what it sent and what it learned, with capture frames. */
export interface AttackerView {
  id: string;
  label: string;
  location: string;
  capability: string;
  at: string[];
  window: { fromUs: number; toUs: number } | null;
  attack: string;
  attackLabel: string;
  rfc: string;
  knew: string[];
  injected: number;
  guessesUsed: number;
  guessBudget: number;
  /** What a blind attempt needs: mean guesses, the formula with its numbers, why, and the chance its budget succeeds. */
  expectedGuesses: { guesses: number; formula: string; why: string; successWithinBudget: number } | null;
  facts: { timeUs: number; kind: string; value: string; about: string; frame: number | null }[];
}

/** What a host decided about a packet an attacker sent (the reason an attack worked or failed). */
export interface VerdictView {
  timeUs: number;
  host: string;
  text: string;
  frame: number | null;
}

/** What a simulation run gives the app (its capture is opened like a file). */
export interface SimulationSummary {
  scenarioId: string;
  /** Named after the protocol that ran (a built-in switched to v1 is not called v0). */
  title: string;
  /** How the run differs from the built-in whose description the app shows; null when it does not. */
  note: string | null;
  seed: number;
  protocol: string;
  packets: number;
  endUs: number;
  finished: boolean;
  /** The trace digest: the same in Node (lab run) and here for the same scenario and seed. */
  digest: string;
  /** SHA-256 of the exported pcap (null when the run was too large to keep its packets). */
  pcapSha256: string | null;
  apps: { id: string; bytesRead: { client: number; server: number }; intact: boolean; completedUs: number | null }[];
  mitigations: string[];
  /** The command that reproduces this run's digest: the built-in with its switches, or (needsFile) the scenario saved as JSON. */
  reproduce: { command: string; needsFile: boolean };
  attackers: AttackerView[];
  failures: FailureView[];
  /** Failures single-path TCP with the same attackers suffers and this run did not; null without attackers. */
  tcpOnly: string[] | null;
  verdicts: VerdictView[];
  /** What a lesson may ask about this run (engine facts: failures, attackers that acted, data intact, hash work). */
  outcome: LessonOutcome;
}

export interface Simulated {
  summary: SimulationSummary;
  /** The scenario as run (the built-in with the switches applied): the topology view draws it. */
  scenario: Scenario;
  /** The run's packets as ladder-diagram columns, frame by frame; null for runs traced in digest mode only. */
  timeline: TimelineData | null;
  /** The run's capture, analyzed; null for runs traced in digest mode only. */
  opened: OpenedCapture | null;
  pcapBytes: number;
}

/** An attack the palette offers (the engine's registry). */
export interface AttackOption {
  id: string;
  label: string;
  description: string;
  rfc: string;
  needsActive: boolean;
  needsAddress: boolean;
}

/** What a host decided about a packet, in plain words ("ADD_ADDR ignored: HMAC mismatch …"). */
export interface Decision {
  timeUs: number;
  host: string;
  kind: string;
  text: string;
}

/** A receiver's HMAC check spelled out, to verify by hand. */
export interface HmacCheck {
  what: string;
  algorithm: string;
  key: string;
  message: string;
  expected: string;
  received: string;
  matches: boolean;
}

/** What the hosts did with a frame's packet, and the HMAC checks it underwent. */
export interface FrameVerdicts {
  decisions: Decision[];
  checks: HmacCheck[];
}

/** A scenario document checked by the engine: loaded (migrated, validated, defaults applied) or its problems with JSON paths. */
export type ScenarioCheck = { ok: true; scenario: Scenario } | { ok: false; problems: { path: string; message: string }[] };

export type Request =
  | { type: 'open'; id: number; captureId: number; file: Blob | Uint8Array }
  | { type: 'cancel-open'; id: number; captureId: number }
  | { type: 'rows'; id: number; captureId: number; start: number; count: number }
  | { type: 'rows-at'; id: number; captureId: number; frames: number[] }
  | { type: 'filter'; id: number; captureId: number; filter: PacketFilter }
  | { type: 'dissect'; id: number; captureId: number; frame: number }
  | { type: 'close'; id: number; captureId: number }
  | { type: 'scenarios'; id: number }
  | { type: 'simulate'; id: number; captureId: number; scenarioId: string; settings: SimulateSettings }
  | { type: 'simulate-document'; id: number; captureId: number; document: unknown }
  /** Stops the simulation request `target` at its next batch of events; it rejects with CANCELLED. */
  | { type: 'cancel'; id: number; target: number }
  | { type: 'check-scenario'; id: number; document: unknown }
  | { type: 'attacks'; id: number }
  | { type: 'capture-file'; id: number; captureId: number }
  | { type: 'decisions'; id: number; captureId: number; frame: number }
  | { type: 'summarize-document'; id: number; document: unknown }
  | { type: 'matrix-scenario'; id: number; cell: MatrixCell }
  | { type: 'prevention'; id: number; document: unknown }
  /** Runs a learner's scenario and judges a lesson exercise's goal on it. */
  | { type: 'check-goal'; id: number; goal: LessonGoal; document: unknown };

export type Response =
  | { type: 'progress'; id: number; progress: LoadProgress }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: WireError };

/** What each request resolves to. */
export interface ResultOf {
  open: OpenedCapture;
  'cancel-open': null;
  rows: PacketRow[];
  'rows-at': PacketRow[];
  /** The frames that pass the filter, ascending. */
  filter: Uint32Array;
  dissect: FrameDetail | null;
  close: null;
  scenarios: ScenarioInfo[];
  simulate: Simulated;
  'simulate-document': Simulated;
  cancel: null;
  'check-scenario': ScenarioCheck;
  attacks: AttackOption[];
  /** A copy of the capture file's bytes (for export). */
  'capture-file': Blob;
  decisions: FrameVerdicts;
  'summarize-document': SimulationSummary;
  'matrix-scenario': Scenario;
  prevention: Prevention;
  'check-goal': GoalCheck;
}

/** For each failure of a run, the switches that would prevent it (the same scenario run with each, and it was gone). */
export interface Prevention {
  /** What was tried, in order: "mptcp-v1", "add-addr-hmac", … */
  tried: string[];
  byFailure: Record<string, string[]>;
}
