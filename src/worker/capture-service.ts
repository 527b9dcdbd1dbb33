/**
 * The captures a worker holds: each file's bytes and the engine's index of
 * its frames. The worker and the in-thread client both drive this one class,
 * so the two paths cannot drift apart. It only calls the engine.
 */
import { withSwitches, reproduceCommand, runTitle, ATTACKS, BUILTIN_SCENARIOS, inFrameOrder, matrixScenario, newBaselineCache, type MatrixCell, LabError, buildTimeline, builtinScenario, loadScenario, loadScenarioOrThrow, firstFrameOfPacket, estimateRun, exportPcapng, runScenario, runScenarioSteps, sha256Hex, startIndexedCaptureAnalysis, type CaptureIndex, type RunResult, type Scenario } from '../engine/index.ts';
import type { PacketRow } from '../engine/index.ts';
import { keepsPackets, type AttackOption, type FrameVerdicts, type Prevention, type SimulationSummary, type FrameDetail, type ScenarioCheck, type LoadProgress, type OpenedCapture, type PacketFilter, type ScenarioInfo, type Simulated, type SimulateSettings } from './protocol.ts';
import { decisionsOf, securityViews } from './security-views.ts';
import { preventionOf } from './prevention.ts';
import { addAddrChecks, joinChecks } from './hmac-check.ts';
import { readBlob } from './read-blob.ts';

interface Loaded {
  bytes: Uint8Array;
  index: CaptureIndex;
  /** For a simulated run: the hosts' decisions about each frame's packet, and its HMAC checks. */
  decisions?: (frame: number) => FrameVerdicts;
  /** Bumped by every filter request, so a superseded scan stops early. */
  filterGeneration: number;
}

/** Bytes analyzed between progress reports (and chances to serve other requests). */
const ANALYZE_CHUNK = 4 * 1024 * 1024;
/** Rows examined per step of a filter scan. */
const FILTER_CHUNK = 20_000;

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

  /** Reads and analyzes a capture; `ladder: false` for a simulated run's own capture (the run has its ladder). */
  async open(captureId: number, file: Blob | Uint8Array, onProgress: (p: LoadProgress) => void, ladder = true): Promise<OpenedCapture> {
    const bytes = ArrayBuffer.isView(file) ? file : await readBlob(file, (done, total) => onProgress({ phase: 'reading', done, total }));
    const analysis = startIndexedCaptureAnalysis({ ladder });
    const total = bytes.length;
    onProgress({ phase: 'analyzing', done: 0, total });
    for (let at = 0; at < total && !analysis.stopped; at += ANALYZE_CHUNK) {
      analysis.push(bytes.subarray(at, Math.min(total, at + ANALYZE_CHUNK)));
      onProgress({ phase: 'analyzing', done: Math.min(total, at + ANALYZE_CHUNK), total });
      if (at + ANALYZE_CHUNK < total) await nextTask();
    }
    const { report, index, run } = analysis.end();
    this.captures.set(captureId, { bytes, index, filterGeneration: 0 });
    return { captureId, report, packets: index.size, run };
  }

  private get(captureId: number): Loaded {
    const c = this.captures.get(captureId);
    if (!c) throw new LabError('INTERNAL', `capture ${captureId} is not open`);
    return c;
  }

  rows(captureId: number, start: number, count: number): PacketRow[] {
    const c = this.get(captureId);
    return c.index.rows(start, count, c.bytes);
  }

  rowsAt(captureId: number, frames: readonly number[]): PacketRow[] {
    const c = this.get(captureId);
    return frames.flatMap((f) => c.index.rows(f - 1, 1, c.bytes));
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
    for (let start = 0; start < c.index.size; start += FILTER_CHUNK) {
      if (textFree) {
        // "MPTCP only" needs no decoding: the index keeps a flag per frame.
        const end = Math.min(c.index.size, start + FILTER_CHUNK);
        for (let f = start + 1; f <= end; f++) if (!filter.mptcpOnly || c.index.hasMptcp(f)) keep(f);
      } else {
        for (const row of c.index.rows(start, FILTER_CHUNK, c.bytes)) if (rowMatches(row, filter)) keep(row.frame);
      }
      if (start + FILTER_CHUNK < c.index.size) {
        await nextTask();
        if (c.filterGeneration !== generation || this.captures.get(captureId) !== c) {
          throw new LabError('CANCELLED', 'filter superseded by a newer one');
        }
      }
    }
    return out.slice(0, n);
  }

  captureBytes(captureId: number): Uint8Array {
    return this.get(captureId).bytes.slice();
  }

  dissect(captureId: number, frame: number): FrameDetail | null {
    const c = this.get(captureId);
    return c.index.dissect(frame, c.bytes);
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
  };
}

