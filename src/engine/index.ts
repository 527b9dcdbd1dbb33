/**
 * The engine's only public door (DESIGN.md §3): the CLI, the worker and the
 * UI import from here and nowhere deeper.
 */
export { LabError, describeError, isLabError, type ErrorCode, type Result } from './core/errors.ts';
export { toHex, fromHex, hex64, hex32 } from './core/hex.ts';

export { formatIp, formatEndpoint, parseIp, type IpAddress } from './wire/ip-address.ts';
export { decodePacket, encodeTcpPacket, type DecodedPacket, type TcpPacketRepr } from './wire/packet.ts';
export { TCP_FLAG, tcpFlagsText, type TcpHeader } from './wire/tcp-header.ts';
export type { TcpOption, WireProblem } from './wire/tcp-options.ts';
export type { MptcpOption } from './wire/mptcp/types.ts';
export { mptcpOptionName } from './wire/mptcp/mptcp-option.ts';

export { tokenFromKey, idsnFromKey, joinSynAckHmac, joinAckHmac, addAddrHmac, type MptcpVersion } from './crypto/mptcp-crypto.ts';

export * from './pcap/index.ts';

export { analyzeCapture, startCaptureAnalysis, type CaptureAnalysis } from './analysis/analyze-capture.ts';
export type { AnalyzerOptions } from './analysis/capture-analyzer.ts';
export { formatAnalysisSummary } from './analysis/format-summary.ts';
export type * from './analysis/report-types.ts';
export { analyzeCaptureIndexed, startIndexedCaptureAnalysis, type IndexedCaptureAnalysis, type IndexedAnalysisOptions } from './analysis/analyze-capture.ts';
export { CaptureIndex } from './analysis/capture-index.ts';
export type { CaptureRun } from './analysis/capture-timeline.ts';
export type { PacketRow } from './analysis/packet-summary.ts';
export type { FieldNode, FieldKind } from './analysis/dissect/field.ts';
export type { FrameDissection } from './analysis/dissect/dissect-frame.ts';
export { dissectFrame } from './analysis/dissect/dissect-frame.ts';
export { describeMptcpOption } from './wire/mptcp/describe.ts';

export * from './scenario/index.ts';
export type * from './scenario/types.ts';

export { estimateRun, type RunEstimate } from './runner/estimate.ts';
export { runScenario, runScenarioSteps, PROGRESS_EVERY, type RunProgress, type RunStop, type RunHandle, type RunOptions, type RunResult, type PacketJson, type SubflowStats, type ConnectionStats } from './runner/run-scenario.ts';
export { exportPcap, exportPcapng, firstFrameOfPacket, inFrameOrder } from './runner/pcap-export.ts';
/** Whether bytes hold a run an application wrote: the lab's plaintext detector (the eavesdrop-data monitor's, and the live judge's). */
export { applicationRun } from './host/byte-stream.ts';
export { buildTimeline, laneOrder, attackerLaneId } from './runner/timeline.ts';
export { MARK, CONNECTION_MARKS, SIGNAL_MARKS, SIGNAL_OPTIONS, FATE_CODE, type TimelineData, type TimelineLane, type TimelineLaneKind, type TimelineSubflow, type MarkName } from './runner/timeline-codes.ts';
export { goldenSummary, type GoldenSummary } from './runner/golden-summary.ts';
export type { AppReport } from './host/apps.ts';
export type { PacketFate } from './sim/trace.ts';
export { eventText, DEFAULT_NAMER, type HostEvent, type EventOf, type EventKind as TraceEventKind, type Namer } from './sim/events.ts';
export { renderProse, type Prose, type ProsePart } from './monitors/prose.ts';
export { sha256Hex } from './crypto/hash.ts';
export { ATTACKS, attackInfo, type AttackInfo } from './attacks/catalog.ts';
export {
  planMatrix,
  runMatrixCell,
  newBaselineCache,
  matrixScenario,
  matrixCellWeight,
  dealMatrixCells,
  matrixWorkerCount,
  OFF_PATH_GUESS_BUDGET,
  MATRIX_MITIGATIONS,
  MATRIX_CLASSES,
  MATRIX_VARIANTS,
  matrixAttackKey,
  matrixExtrasFor,
  type MatrixVariant,
  type MatrixCell,
  type MatrixRow,
  type MatrixPlanOptions,
  type MatrixProtocol,
  type MatrixMitigation,
} from './runner/matrix.ts';
export type { FailureReport, BaselineCache } from './runner/run-scenario.ts';
export type { AttackerReport } from './runner/attacker-report.ts';
export type { FailureId } from './monitors/monitor.ts';
export { FAILURES, failureInfo, type FailureInfo, type StrideCategory } from './monitors/failure-catalog.ts';
export * from './lessons/index.ts';
export * from './review/index.ts';
export { usedAddresses, freeAttackerAddress } from './scenario/attacker-address.ts';
export { LiveSession, type LiveSessionOptions, type LiveEngineResult, type OutsideApp } from './live/live-session.ts';
export { trafficPhases } from './host/apps.ts';
