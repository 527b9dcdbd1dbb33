/**
 * The wire check of a live run: its packets, exported as the capture
 * `lab live run --pcap` writes, analyzed as `lab analyze` analyzes any
 * capture, so every key, token, IDSN and HMAC the engine and Linux
 * exchanged is verified independently of both.
 */
import { analyzeCapture, exportPcapng, type AnalysisReport, type RunHandle } from '../../engine/index.ts';

export interface Tally {
  verified: number;
  mismatch: number;
  notCheckable: number;
}

export interface WireCheck {
  connections: number;
  /** MP_CAPABLE keys against the DSNs on the wire (each side's IDSN). */
  idsn: Tally;
  joinHmac: Tally;
  /** Non-echo v1 ADD_ADDRs. */
  addAddrHmac: Tally;
  /** MP_FASTCLOSEs: each carries its receiver's key. */
  fastcloseKey: Tally;
  /** True when something was checked and nothing failed. */
  ok: boolean;
}

const tally = (t: Tally, v: boolean | null) => (v === null ? t.notCheckable++ : v ? t.verified++ : t.mismatch++);

export function wireCheckOf(report: AnalysisReport): WireCheck {
  const c: WireCheck = { connections: report.connections.length, idsn: { verified: 0, mismatch: 0, notCheckable: 0 }, joinHmac: { verified: 0, mismatch: 0, notCheckable: 0 }, addAddrHmac: { verified: 0, mismatch: 0, notCheckable: 0 }, fastcloseKey: { verified: 0, mismatch: 0, notCheckable: 0 }, ok: false };
  for (const conn of report.connections) {
    tally(c.idsn, conn.clientIdsnVerified);
    tally(c.idsn, conn.serverIdsnVerified);
    for (const s of conn.subflows) if (s.join) tally(c.joinHmac, s.hmacVerified);
    for (const a of conn.addAddrs) if (!a.echo && a.version === 1) tally(c.addAddrHmac, a.hmacVerified);
    for (const e of conn.events) if (e.kind === 'mp-fastclose') tally(c.fastcloseKey, e.keyVerified ?? null);
  }
  const checked = c.idsn.verified + c.joinHmac.verified + c.addAddrHmac.verified + c.fastcloseKey.verified;
  c.ok = checked > 0 && c.idsn.mismatch + c.joinHmac.mismatch + c.addAddrHmac.mismatch + c.fastcloseKey.mismatch === 0;
  return c;
}

/** Exports the run's packets and analyzes them, once: the judge reads the same analysis. */
export function captureOf(records: RunHandle['records']): { pcapng: Uint8Array; analysis: AnalysisReport } {
  const pcapng = exportPcapng(records);
  return { pcapng, analysis: analyzeCapture(pcapng) };
}
