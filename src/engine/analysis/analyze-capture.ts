/**
 * Capture analysis from bytes: a streaming pair of reader and analyzer.
 *
 * @example
 * const a = startCaptureAnalysis();
 * for (const chunk of chunks) a.push(chunk);
 * const report = a.end();
 */
import { CaptureReader } from '../pcap/reader.ts';
import { CaptureAnalyzer, type AnalyzerOptions } from './capture-analyzer.ts';
import type { AnalysisReport } from './report-types.ts';
import { CaptureIndex } from './capture-index.ts';
import { CaptureTimelineBuilder, type CaptureRun } from './capture-timeline.ts';

export interface CaptureAnalysis {
  push(chunk: Uint8Array): void;
  /** Finishes reading and returns the report. Throws a LabError if the bytes are not a capture at all. */
  end(): AnalysisReport;
  /** True once the reader met damage it cannot read past: later chunks are ignored. */
  readonly stopped: boolean;
  /** Packet records read so far (for progress displays). */
  readonly packets: number;
}

export function startCaptureAnalysis(options: AnalyzerOptions = {}): CaptureAnalysis {
  const analyzer = new CaptureAnalyzer(options);
  const reader = new CaptureReader({
    packet: (p) => {
      analyzer.format = reader.format; // known from the first bytes: pcapng's interfaces change how packets are counted
      analyzer.packet(p);
    },
    problem: (p) => analyzer.captureProblem(p),
  });
  return {
    push: (chunk) => reader.push(chunk),
    end: () => {
      reader.end();
      analyzer.format = reader.format;
      return analyzer.finish();
    },
    get stopped() {
      return reader.stopped;
    },
    get packets() {
      return reader.packetsRead;
    },
  };
}

/** Analyzes a whole capture held in memory. */
export function analyzeCapture(bytes: Uint8Array, options: AnalyzerOptions = {}): AnalysisReport {
  const a = startCaptureAnalysis(options);
  a.push(bytes);
  return a.end();
}

export interface IndexedCaptureAnalysis {
  push(chunk: Uint8Array): void;
  /**
   * The report, an index of every frame for packet lists and dissection, and
   * the capture as a ladder over the network it implies (null without MPTCP
   * subflows, or when not asked for).
   */
  end(): { report: AnalysisReport; index: CaptureIndex; run: CaptureRun | null };
  readonly stopped: boolean;
  /** Frames read so far (indexed or not). */
  readonly frames: number;
}

export interface IndexedAnalysisOptions {
  /** False skips the ladder. */
  ladder?: boolean;
  /** Frames the index keeps at most (the packet list's length); the report covers every frame. */
  maxFrames?: number;
  /** Arrows the ladder keeps at most (the first ones). */
  maxLadderFrames?: number;
}

/**
 * Streaming analysis that also indexes every frame (the app's worker feeds
 * it in chunks to report progress). The index refers to file offsets: keep
 * the file's bytes to ask it for rows or dissections. `ladder: false` skips
 * the ladder (a simulated run has its own, from the simulation).
 */
export function startIndexedCaptureAnalysis(options: IndexedAnalysisOptions = {}): IndexedCaptureAnalysis {
  const index = new CaptureIndex({ maxFrames: options.maxFrames });
  const ladder = options.ladder === false ? null : new CaptureTimelineBuilder({ maxFrames: options.maxLadderFrames });
  const analysis = startCaptureAnalysis({
    onPacket: (p, d, c, sf) => {
      index.add(p, d, c);
      ladder?.add(p, d, sf);
    },
  });
  return {
    push: (chunk) => analysis.push(chunk),
    end: () => {
      const report = analysis.end();
      index.attachReport(report);
      return { report, index, run: ladder?.finish() ?? null };
    },
    get stopped() {
      return analysis.stopped;
    },
    get frames() {
      return index.seen;
    },
  };
}

/** Analyzes a capture held in memory and indexes its frames. */
export function analyzeCaptureIndexed(bytes: Uint8Array): ReturnType<IndexedCaptureAnalysis['end']> {
  const a = startIndexedCaptureAnalysis();
  a.push(bytes);
  return a.end();
}
