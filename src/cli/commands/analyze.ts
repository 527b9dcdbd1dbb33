import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LabError, formatAnalysisSummary, startCaptureAnalysis, type AnalysisReport, type ErrorCode } from '../../engine/index.ts';
import { UsageError } from '../cli-error.ts';
import { streamFile } from '../read-file.ts';
import type { Command, ProgressIo } from './command.ts';

/** Files above this size show progress even when stderr is not a terminal. */
export const PROGRESS_ALWAYS_BYTES = 64 * 1024 * 1024;
const PROGRESS_EVERY_MS = 1000;

const WORKER = fileURLToPath(new URL('../../../bin/analyze-worker.js', import.meta.url));

/**
 * The analysis's heap limit. Its state is bounded (the limits above), but V8
 * grows a heap it is allowed to before collecting: unlimited, a flood of
 * 1.2 M MPTCP SYNs peaked at 580 MB resident; limited to this, under 300 MB.
 */
export const ANALYZE_HEAP_MB = 384;

/** Analyzes a file in a worker thread under ANALYZE_HEAP_MB; progress and errors come back as from analyzeFile. */
export function analyzeFileInWorker(path: string, progress?: ProgressIo): Promise<AnalysisReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { path, tty: progress?.tty ?? false, progress: progress !== undefined }, resourceLimits: { maxOldGenerationSizeMb: ANALYZE_HEAP_MB } });
    worker.on('message', (m: { report: AnalysisReport } | { error: { code: ErrorCode; message: string } } | { progress: string } | { progressDone: true }) => {
      if ('progress' in m) progress?.update(m.progress);
      else if ('progressDone' in m) progress?.done();
      else if ('error' in m) reject(new LabError(m.error.code, m.error.message));
      else resolve(m.report);
    });
    worker.on('error', (e: Error & { code?: string }) =>
      reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new LabError('CLI_MEMORY', `the analysis of "${path}" needed more than its ${ANALYZE_HEAP_MB} MB heap`) : e),
    );
    worker.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`the analysis worker exited with status ${code}`))));
  });
}

const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1);

export function analyzeFile(path: string, progress?: ProgressIo): AnalysisReport {
  const analysis = startCaptureAnalysis();
  let size = 0;
  let show = false;
  let start = 0;
  let last = 0;
  try {
    streamFile(path, (chunk) => analysis.push(chunk), {
      stop: () => analysis.stopped,
      opened: (n) => {
        size = n;
        show = progress !== undefined && (progress.tty || n > PROGRESS_ALWAYS_BYTES);
        if (show) start = last = progress!.now();
      },
      progress: (read) => {
        if (!show) return;
        const now = progress!.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        const rate = read / (1024 * 1024) / ((now - start) / 1000);
        progress!.update(`analyze: ${mb(read)} of ${mb(size)} MB (${Math.floor((100 * read) / Math.max(1, size))}%), ${analysis.packets.toLocaleString('en-US')} packets, ${rate.toFixed(1)} MB/s`);
      },
    });
  } finally {
    if (show) progress!.done();
  }
  return analysis.end();
}

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'find MPTCP connections in a pcap/pcapng capture and verify their keys, tokens and HMACs',
  usage: `Usage: lab analyze <capture.pcap|capture.pcapng> [--json]

Reads a capture (classic pcap or pcapng; Ethernet, VLAN, raw IP, Linux cooked
v1/v2 or BSD loopback link types), groups its packets into MPTCP connections
and subflows, derives tokens and IDSNs from the keys, and verifies every
MP_JOIN HMAC (SYN/ACK and third ACK), every v1 ADD_ADDR HMAC, the IDSNs
against the data sequence numbers on the wire, and DSS checksums when they
were negotiated. Only regular files are read (not devices, FIFOs or sockets).

Memory is bounded whatever the file's size or number of flows:
  - plain TCP flows (SYN without MP_CAPABLE or MP_JOIN) are only counted;
  - at most 50,000 MPTCP subflows are tracked at once: closed ones (FIN both
    ways, RST, MP_FASTCLOSE) are dropped 10 s (capture time) after their last
    packet, open ones after 300 s without a packet, and over the cap the least
    recently seen goes; a connection is verified and summarised when its last
    subflow is dropped;
  - the first 10,000 MPTCP connections are listed in full, later ones are
    counted with their verdicts (IDSN, join HMAC, ADD_ADDR HMAC, problems);
  - the first 1,000 problems are listed, the rest counted by code; per
    connection, 100 problems, 1,000 events, 256 ADD_ADDRs, REMOVE_ADDRs and
    subflows.
The summary and the JSON report ("bounds") say what was summarised. The
analysis runs in a worker thread with a 384 MB heap, so the memory it takes
stays near what it holds (about 300 MB for a flood of 1.2 M MPTCP SYNs).

Progress (bytes, packets, MB/s) goes to stderr about once a second when stderr
is a terminal, and always for files over 64 MB; stdout carries only the report.

Options:
  --json        print the full report as JSON instead of a summary
  -h, --help    show this help

Exit status: 0 when the file was read (problems found inside it are part of
the report), 1 when it could not be read, 2 on a usage error.`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'analyze needs a capture file' : `analyze takes one file, got ${positionals.length}`);
    const file = positionals[0]!;
    const report = await analyzeFileInWorker(file, io.progress);
    io.out(values.json ? JSON.stringify(report, null, 2) : formatAnalysisSummary(report, basename(file)));
    return 0;
  },
};
