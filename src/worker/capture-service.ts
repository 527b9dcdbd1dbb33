/**
 * The captures a worker holds: each file's bytes and the engine's index of
 * its frames. The worker and the in-thread client both drive this one class,
 * so the two paths cannot drift apart. It only calls the engine.
 */
import { withSwitches, reproduceCommand, runTitle, ATTACKS, BUILTIN_SCENARIOS, inFrameOrder, matrixScenario, newBaselineCache, type MatrixCell, LabError, buildTimeline, builtinScenario, loadScenario, loadScenarioOrThrow, firstFrameOfPacket, estimateRun, exportPcapng, runScenario, runScenarioSteps, sha256Hex, checkGoal, lessonOutcome, type GoalCheck, type LessonGoal, startIndexedCaptureAnalysis, type CaptureIndex, type RunResult, type Scenario } from '../engine/index.ts';
import type { AnalysisReport, PacketRow } from '../engine/index.ts';
import { keepsPackets, type AttackOption, type FrameVerdicts, type Prevention, type SimulationSummary, type FrameDetail, type ScenarioCheck, type LoadProgress, type OpenedCapture, type PageReport, type PacketFilter, type ScenarioInfo, type Simulated, type SimulateSettings } from './protocol.ts';
import { decisionsOf, securityViews } from './security-views.ts';
import { preventionOf } from './prevention.ts';
import { addAddrChecks, joinChecks } from './hmac-check.ts';
import { blobSource, memorySource, planReads, type ByteSource } from './byte-source.ts';

interface Loaded {
  /** The file, read a frame's bytes at a time; the capture is never held whole (unless it came as bytes). */
  source: ByteSource;
  index: CaptureIndex;
  /** For a simulated run: the hosts' decisions about each frame's packet, and its HMAC checks. */
  decisions?: (frame: number) => FrameVerdicts;
  /** Bumped by every filter request, so a superseded scan stops early. */
  filterGeneration: number;
}

/** Bytes read and analyzed per step, between progress reports and chances to serve other requests (a cancel). */
const ANALYZE_CHUNK = 4 * 1024 * 1024;
/** Rows examined per step of a filter scan. */
const FILTER_CHUNK = 20_000;
/** Bytes read per step of a filter scan at most. */
const FILTER_BYTES = 4 * 1024 * 1024;
/**
 * Frames the packet list indexes at most: about 33 bytes each, so 264 MB at
 * most, keeping the tab under 1 GB with the ladder and the analysis.
 * The report still covers every frame.
 */
export const MAX_INDEXED_FRAMES = 8_000_000;
/** Arrows an opened capture's ladder keeps at most (about 76 bytes each, in the worker and then the page). */
export const MAX_LADDER_FRAMES = 2_000_000;

/**
 * The report as the page gets it. The engine lists the first problems of
 * the capture and of each connection and counts the rest (a damaged capture
 * can name one per frame); the page is told how many it was not sent, and a
 * connection's list ends with an entry that says so.
 */
function pageReport(report: AnalysisReport): PageReport {
  const connections = report.connections.map((c) => {
    const rest = Object.values(c.omitted?.problems ?? {}).reduce((n, k) => n + k, 0);
    return rest === 0 ? c : { ...c, problems: [...c.problems, { frame: null, code: 'PROBLEMS_NOT_SENT', message: `${rest.toLocaleString('en-US')} more problems not listed` }] };
  });
  const rest = (report.bounds?.problems ?? report.problems.length) - report.problems.length;
  return rest <= 0 ? { ...report, connections } : { ...report, connections, problemsNotSent: rest };
}

export interface OpenLimits {
  maxFrames?: number;
  maxLadderFrames?: number;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
/** Simulator events between progress reports and cancel checks: tens of milliseconds of work. */
const SIMULATE_BATCH = 4000;

export function rowMatches(row: PacketRow, filter: PacketFilter): boolean {
  if (filter.mptcpOnly && row.mptcp.length === 0) return false;
  const text = filter.text.trim().toLowerCase();
  if (!text) return true;
  return (
    row.info.toLowerCase().includes(text) ||
    row.protocol.toLowerCase().includes(text) ||
    row.source.toLowerCase().includes(text) ||
    row.destination.toLowerCase().includes(text)
  );
}

/** Baselines kept across runs: an edit that returns to an earlier scenario (undo, a switch flipped back) skips them. */
const BASELINES_KEPT = 64;

export class CaptureService {
  private readonly captures = new Map<number, Loaded>();
  private baselines = newBaselineCache();

  private baselineCache() {
    if (this.baselines.attackFree.size + this.baselines.tcp.size > BASELINES_KEPT) this.baselines = newBaselineCache();
    return this.baselines;
  }

  /** Captures being opened, and those asked to stop. */
  private readonly opening = new Set<number>();
  private readonly cancelled = new Set<number>();

  /**
   * Reads and analyzes a capture slice by slice, reporting bytes and frames
   * so far; `ladder: false` for a simulated run's own capture (the run has
   * its ladder). Between slices it yields, so a cancel (`cancelOpen`) and
   * other requests are served; a cancelled open rejects with CANCELLED and
   * leaves nothing behind.
   */
  async open(captureId: number, file: Blob | Uint8Array | ByteSource, onProgress: (p: LoadProgress) => void, ladder = true, limits: OpenLimits = {}): Promise<OpenedCapture> {
    const source = ArrayBuffer.isView(file) ? memorySource(file) : 'read' in file ? file : blobSource(file);
    const analysis = startIndexedCaptureAnalysis({ ladder, maxFrames: limits.maxFrames ?? MAX_INDEXED_FRAMES, maxLadderFrames: limits.maxLadderFrames ?? MAX_LADDER_FRAMES });
    const total = source.size;
    this.opening.add(captureId);
    try {
      onProgress({ phase: 'analyzing', done: 0, total, packets: 0 });
      for (let at = 0; at < total && !analysis.stopped; ) {
        const end = Math.min(total, at + ANALYZE_CHUNK);
        analysis.push(await source.read(at, end));
        at = end;
        onProgress({ phase: 'analyzing', done: at, total, packets: analysis.frames });
        if (at < total) await nextTask();
        if (this.cancelled.has(captureId)) throw new LabError('CANCELLED', 'Opening cancelled');
      }
    } finally {
      this.opening.delete(captureId);
      this.cancelled.delete(captureId);
    }
    const { report, index, run } = analysis.end();
    this.captures.set(captureId, { source, index, filterGeneration: 0 });
    return { captureId, report: pageReport(report), packets: index.size, frames: index.seen, run };
  }

  /** Stops an open in progress at its next slice (nothing happens for one that finished). */
  cancelOpen(captureId: number): void {
    if (this.opening.has(captureId)) this.cancelled.add(captureId);
  }

  private get(captureId: number): Loaded {
    const c = this.captures.get(captureId);
    if (!c) throw new LabError('INTERNAL', `capture ${captureId} is not open`);
    return c;
  }

  async rows(captureId: number, start: number, count: number): Promise<PacketRow[]> {
    const c = this.get(captureId);
    const from = Math.max(0, start);
    const end = Math.min(c.index.size, start + count);
    const frames: number[] = [];
    for (let i = from; i < end; i++) frames.push(i + 1);
    return this.rowsOf(c, frames);
  }

  async rowsAt(captureId: number, frames: readonly number[]): Promise<PacketRow[]> {
    return this.rowsOf(this.get(captureId), frames);
  }

  /** Rows of the given frames (those in the index), read in as few slices as their offsets allow. */
  private async rowsOf(c: Loaded, frames: readonly number[]): Promise<PacketRow[]> {
    const known = frames.filter((f) => c.index.frameSpan(f) !== null);
    const out: PacketRow[] = new Array<PacketRow>(known.length);
    for (const run of planReads(known.map((f) => c.index.frameSpan(f)!))) {
      const bytes = await c.source.read(run.start, run.end);
      for (const m of run.members) out[m] = c.index.rows(known[m]! - 1, 1, bytes, run.start)[0]!;
    }
    return out;
  }

  /** The frames passing the filter, ascending; rejects with a superseded error if a newer filter came in. */
  async filter(captureId: number, filter: PacketFilter): Promise<Uint32Array> {
    const c = this.get(captureId);
    const generation = ++c.filterGeneration;
    let out = new Uint32Array(1024);
    let n = 0;
    const keep = (frame: number) => {
      if (n === out.length) {
        const grown = new Uint32Array(out.length * 2);
        grown.set(out);
        out = grown;
      }
      out[n++] = frame;
    };
    const textFree = filter.text.trim() === '';
    const size = c.index.size;
    for (let start = 0; start < size; ) {
      let end: number;
      if (textFree) {
        // "MPTCP only" needs no decoding: the index keeps a flag per frame.
        end = Math.min(size, start + FILTER_CHUNK);
        for (let f = start + 1; f <= end; f++) if (!filter.mptcpOnly || c.index.hasMptcp(f)) keep(f);
      } else {
        // Frames lie in file order: one slice of at most FILTER_BYTES covers a step's rows.
        const first = c.index.frameSpan(start + 1)!.offset;
        end = start + 1;
        while (end < size && end - start < FILTER_CHUNK) {
          const next = c.index.frameSpan(end + 1)!;
          if (next.offset + next.length - first > FILTER_BYTES) break;
          end++;
        }
        const last = c.index.frameSpan(end)!;
        const bytes = await c.source.read(first, Math.max(first, last.offset + last.length));
        for (const row of c.index.rows(start, end - start, bytes, first)) if (rowMatches(row, filter)) keep(row.frame);
      }
      start = end;
      if (start < size) {
        await nextTask();
        if (c.filterGeneration !== generation || this.captures.get(captureId) !== c) {
          throw new LabError('CANCELLED', 'filter superseded by a newer one');
        }
      }
    }
    return out.slice(0, n);
  }

  /** A copy of the capture file's bytes (to save a simulated run's capture). */
  /** The capture file, to save it: the File it was opened from (nothing is read), or a simulated run's bytes. */
  captureFile(captureId: number): Blob {
    return this.get(captureId).source.blob();
  }

  async dissect(captureId: number, frame: number): Promise<FrameDetail | null> {
    const c = this.get(captureId);
    const span = c.index.frameSpan(frame);
    if (!span) return null;
    return c.index.dissect(frame, await c.source.read(span.offset, span.offset + span.length), span.offset);
  }

  scenarios(): ScenarioInfo[] {
    return BUILTIN_SCENARIOS.map((s) => ({ id: s.id, title: s.title, description: s.description, protocol: s.protocol, attacks: s.attackers.map((a) => a.attack), mitigations: [...s.mptcp.mitigations] }));
  }

  /**
   * Runs a built-in scenario here (the browser's copy of the engine) and
   * opens its capture. Runs of many packets are traced in digest mode only:
   * the summary, not a capture.
   */
  async simulate(captureId: number, scenarioId: string, settings: SimulateSettings, onProgress: (p: LoadProgress) => void, shouldStop: () => boolean = () => false): Promise<Simulated> {
    const builtin = builtinScenario(scenarioId);
    if (!builtin) throw new LabError('SCENARIO_INVALID', `no built-in scenario "${scenarioId}"`);
    return this.run(captureId, withSwitches(builtin, settings), onProgress, shouldStop);
  }

  /** Runs a scenario document (an edited or opened one): loaded like a file, so a bad one is refused with its problems. */
  async simulateDocument(captureId: number, document: unknown, onProgress: (p: LoadProgress) => void, shouldStop: () => boolean = () => false): Promise<Simulated> {
    return this.run(captureId, loadScenarioOrThrow(document), onProgress, shouldStop);
  }

  /** Checks a document: a value, JSON text, or a file whose text is read here, so a big one never holds the page. */
  async checkScenario(document: unknown): Promise<ScenarioCheck> {
    const r = loadScenario(document instanceof Blob ? await document.text() : document);
    return r.ok ? { ok: true, scenario: r.scenario } : { ok: false, problems: r.problems.map((p) => ({ path: p.path, message: p.message })) };
  }

  attacks(): AttackOption[] {
    return ATTACKS.map((a) => ({ id: a.id, label: a.label, description: a.description, rfc: a.rfc, needsActive: a.needsActive, needsAddress: a.needsAddress === true }));
  }

  private async run(captureId: number, scenario: Scenario, onProgress: (p: LoadProgress) => void, shouldStop: () => boolean): Promise<Simulated> {
    // Up to ~50 MB of bulk or ~150,000 packets the app keeps every packet; beyond, a digest and the summary only.
    const estimate = estimateRun(scenario);
    const big = !keepsPackets(scenario, estimate.packets);
    // In batches: between them the worker reports progress, serves other requests and sees a cancel.
    const steps = runScenarioSteps(scenario, { trace: big ? 'digest' : 'full', packetJson: false, cache: this.baselineCache(), progressEvery: SIMULATE_BATCH });
    let next = steps.next();
    while (!next.done) {
      const p = next.value;
      onProgress({ phase: p.phase === 'run' ? 'simulating' : 'judging', done: p.packets, total: Math.max(p.packets, estimate.packets), simUs: p.simUs });
      await nextTask();
      if (shouldStop()) {
        steps.return(undefined as never);
        throw new LabError('CANCELLED', `Run cancelled at ${(p.simUs / 1e6).toFixed(3)} s simulated${p.phase === 'run' ? '' : ' (while its single-path baseline ran)'}`);
      }
      next = steps.next();
    }
    const r = next.value;
    // Ordered once: the pcap, the frame numbers, the timeline and the inspector all read frames in this order.
    const frames = inFrameOrder(r.handle.records);
    // pcapng, one interface per link: the analysis counts a forwarded packet once, Wireshark shows each hop's link.
    const pcap = big ? null : exportPcapng(frames);
    const frameOf = big ? new Map<number, number>() : firstFrameOfPacket(frames);
    const summary = summaryOf(scenario, r, frameOf, pcap ? sha256Hex(pcap) : null);
    const timeline = big ? null : buildTimeline(scenario, frames, r.attackers.map((a) => ({ id: a.id, label: scenario.attackers.find((x) => x.id === a.id)?.label, sent: a.sent })), r.endUs);
    const opened = pcap ? await this.open(captureId, pcap, onProgress, false) : null;
    const loaded = this.captures.get(captureId);
    if (opened && loaded) {
      const decided = decisionsOf(r, frames, frameOf);
      loaded.decisions = (frame) => ({ decisions: decided(frame), checks: [...addAddrChecks(scenario, r.handle, frames[frame - 1]?.bytes), ...joinChecks(scenario, r.handle, frames, frame - 1)] });
    }
    return { summary, scenario, timeline, opened, pcapBytes: pcap?.length ?? 0 };
  }

  /** What the hosts decided about a frame's packet, and its HMAC checks (empty for a capture opened from a file). */
  decisions(captureId: number, frame: number): FrameVerdicts {
    return this.get(captureId).decisions?.(frame) ?? { decisions: [], checks: [] };
  }

  /** Runs a scenario document for its verdicts only (no capture): what the compare view sets side by side. */
  summarizeDocument(document: unknown): SimulationSummary {
    const scenario = loadScenarioOrThrow(document);
    return summaryOf(scenario, runScenario(scenario, { trace: 'digest', packetJson: false, cache: this.baselineCache() }), new Map(), null);
  }

  /** For each failure of a scenario document's run, the switches that prevent it. */
  prevention(document: unknown): Prevention {
    return preventionOf(loadScenarioOrThrow(document));
  }

  /** A lesson exercise's check: the learner's scenario, run, against the goal. */
  checkGoal(goal: LessonGoal, document: unknown): GoalCheck {
    return checkGoal(goal, loadScenarioOrThrow(document));
  }

  /** The scenario a matrix row ran, to open it as a run of its own. */
  matrixScenario(cell: MatrixCell): Scenario {
    return matrixScenario(cell, newBaselineCache());
  }

  close(captureId: number): void {
    this.captures.delete(captureId);
  }
}


/** What the app shows of a run: its fingerprints, applications and security views. */
function summaryOf(scenario: Scenario, r: RunResult, frameOf: ReadonlyMap<number, number>, pcapSha256: string | null): SimulationSummary {
  return {
    scenarioId: scenario.id,
    ...runTitle(scenario),
    seed: r.seed,
    protocol: r.protocol,
    packets: r.packetCount,
    endUs: r.endUs,
    finished: r.finished,
    digest: r.digest,
    pcapSha256,
    apps: r.apps.map((a) => ({ id: a.id, bytesRead: a.bytesRead, intact: a.intact, completedUs: a.completedUs })),
    mitigations: [...scenario.mptcp.mitigations],
    reproduce: reproduceCommand(scenario),
    ...securityViews(scenario, r, frameOf),
    outcome: lessonOutcome(scenario, r),
  };
}

