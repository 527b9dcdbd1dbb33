/**
 * A readable text summary of an analysis report, for terminals.
 */
import type { AnalysisBounds, AnalysisReport, ConnectionReport, VerdictCounts } from './report-types.ts';

const n = (x: number): string => x.toLocaleString('en-US');

/** "CAPTURE_BAD_RECORD 67,108,763, ANALYSIS_SNAPLEN_CUT 2", largest first. */
function byCode(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, k]) => `${code} ${n(k)}`)
    .join(', ');
}

const verdicts = (v: VerdictCounts): string => `${n(v.verified)} verified, ${n(v.mismatch)} MISMATCH, ${n(v.notCheckable)} not checkable`;

/** What the bounded analysis summarised instead of keeping: printed only when there is something to say. */
function boundsText(b: AnalysisBounds): string[] {
  const lines: string[] = [];
  const l = b.limits;
  if (b.plainTcpFlows > 0) lines.push(`plain TCP flows: ${n(b.plainTcpFlows)} (summarised: counted, not tracked)`);
  const d = b.flowsDropped;
  if (d.closed + d.idle + d.evicted > 0) {
    lines.push(
      `MPTCP subflows summarised while reading: ${n(d.closed)} closed, ${n(d.idle)} dropped idle (no packet for ${l.idleTimeoutS} s), ${n(d.evicted)} evicted (over ${n(l.maxLiveFlows)} live); at most ${n(b.peakLiveFlows)} tracked at once`,
    );
  }
  const o = b.omittedConnections;
  if (o.count > 0) {
    lines.push(`MPTCP connections: ${n(b.mptcpConnections)}; the first ${n(l.maxReportedConnections)} are listed, the other ${n(o.count)} are counted:`);
    lines.push(`  ${n(o.subflows)} subflows; IDSNs ${verdicts(o.idsn)}; join HMACs ${verdicts(o.joinHmac)}; ADD_ADDR HMACs ${verdicts(o.addAddrHmac)}`);
    if (o.dssChecksum.verified + o.dssChecksum.failed + o.dssChecksum.unchecked > 0) lines.push(`  DSS checksums: ${n(o.dssChecksum.verified)} verified, ${n(o.dssChecksum.failed)} failed, ${n(o.dssChecksum.unchecked)} not checkable`);
    if (Object.keys(o.problems).length > 0) lines.push(`  problems: ${byCode(o.problems)}`);
  }
  return lines;
}

const mark = (v: boolean | null): string => (v === null ? 'not checkable' : v ? 'verified' : 'MISMATCH');

function connectionText(c: ConnectionReport, i: number): string[] {
  const lines: string[] = [];
  lines.push(`Connection ${i + 1}: MPTCP v${c.version}  ${c.client} -> ${c.server}`);
  lines.push(`  client key ${c.clientKey ?? '-'}  token ${c.clientToken ?? '-'}  IDSN ${c.clientIdsn ?? '-'} (${mark(c.clientIdsnVerified)})`);
  lines.push(`  server key ${c.serverKey ?? '-'}  token ${c.serverToken ?? '-'}  IDSN ${c.serverIdsn ?? '-'} (${mark(c.serverIdsnVerified)})`);
  lines.push(`  subflows (${c.subflows.length}):`);
  c.subflows.forEach((s, j) => {
    const state = s.resetFrame !== null ? `, reset by the ${s.resetBy} in frame ${s.resetFrame}` : s.established ? '' : ', never established';
    const what = s.join ? `join, address ID ${s.addressId}${s.backup ? ', backup' : ''}, opened by the ${s.initiator}, HMACs ${mark(s.hmacVerified)}` : 'initial (MP_CAPABLE)';
    lines.push(`    [${j}] ${s.client} -> ${s.server}  ${what}  (${s.packets} packets, ${s.payloadBytes} payload bytes${state})`);
  });
  for (const a of c.addAddrs) {
    const port = a.port === null ? '' : ` port ${a.port}`;
    const hmac = a.echo ? 'echo' : a.version === 0 ? 'v0, no HMAC' : `HMAC ${mark(a.hmacVerified)}`;
    lines.push(`  frame ${a.frame}: ADD_ADDR from ${a.from}: ID ${a.addressId} ${a.address}${port} (${hmac})`);
  }
  for (const r of c.removeAddrs) lines.push(`  frame ${r.frame}: REMOVE_ADDR from ${r.from}: IDs ${r.addressIds.join(', ')}`);
  for (const e of c.events) lines.push(`  frame ${e.frame}: ${e.kind}${e.from ? ` from ${e.from}` : ''}: ${e.detail}`);
  const cs = c.dssChecksum;
  if (cs.negotiated) lines.push(`  DSS checksums: ${cs.verified} verified, ${cs.failed} failed, ${cs.unchecked} not checkable`);
  for (const p of c.problems) lines.push(`  ! ${p.code}: ${p.message}`);
  const o = c.omitted;
  if (o) {
    const left = [
      o.subflows ? `${n(o.subflows)} subflows` : '',
      o.addAddrs ? `${n(o.addAddrs)} ADD_ADDRs` : '',
      o.removeAddrs ? `${n(o.removeAddrs)} REMOVE_ADDRs` : '',
      o.events ? `${n(o.events)} events` : '',
      Object.keys(o.problems).length ? `problems: ${byCode(o.problems)}` : '',
    ].filter(Boolean);
    if (left.length) lines.push(`  ... not listed (over this connection's caps): ${left.join('; ')}`);
  }
  return lines;
}

export function formatAnalysisSummary(r: AnalysisReport, fileName?: string): string {
  const lines: string[] = [];
  const head = fileName ? `${fileName}: ` : '';
  const conns = r.bounds?.mptcpConnections ?? r.connections.length;
  lines.push(
    `${head}${r.packets} packets (${r.format ?? 'unknown format'}), ${r.tcpPackets} TCP, ${r.mptcpPackets} with MPTCP options, ${conns} MPTCP connection${conns === 1 ? '' : 's'}${r.cutPackets ? `, ${r.cutPackets} cut by the snap length` : ''}${r.hopRepeats ? `; ${r.hopRepeats} frames are later hops of packets seen on another interface, counted once` : ''}`,
  );
  if (r.bounds) lines.push(...boundsText(r.bounds));
  r.connections.forEach((c, i) => {
    lines.push('');
    lines.push(...connectionText(c, i));
  });
  const total = r.bounds?.problems ?? r.problems.length;
  if (total) {
    lines.push('');
    lines.push(total > r.problems.length ? `Problems (first ${n(r.problems.length)} of ${n(total)}):` : `Problems (${n(total)}):`);
    for (const p of r.problems.slice(0, 50)) lines.push(`  ! ${p.code}: ${p.message}`);
    if (r.problems.length > 50) lines.push(`  ... and ${n(r.problems.length - 50)} more listed (use --json)`);
    if (total > r.problems.length) lines.push(`  ... and ${n(total - r.problems.length)} more not listed: ${byCode(r.bounds!.omittedProblems)}`);
  }
  return lines.join('\n');
}
