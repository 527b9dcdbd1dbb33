import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { formatAnalysisSummary, startCaptureAnalysis, type AnalysisReport } from '../../engine/index.ts';
import { UsageError } from '../cli-error.ts';
import { streamFile } from '../read-file.ts';
import type { Command } from './command.ts';

export function analyzeFile(path: string): AnalysisReport {
  const analysis = startCaptureAnalysis();
  streamFile(path, (chunk) => analysis.push(chunk), () => analysis.stopped);
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
were negotiated. The file is streamed: memory does not grow with its size.

Options:
  --json        print the full report as JSON instead of a summary
  -h, --help    show this help

Exit status: 0 when the file was read (problems found inside it are part of
the report), 1 when it could not be read, 2 on a usage error.`,
  run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'analyze needs a capture file' : `analyze takes one file, got ${positionals.length}`);
    const file = positionals[0]!;
    const report = analyzeFile(file);
    io.out(values.json ? JSON.stringify(report, null, 2) : formatAnalysisSummary(report, basename(file)));
    return 0;
  },
};
