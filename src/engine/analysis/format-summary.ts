/**
 * A readable text summary of an analysis report, for terminals.
 */
import type { AnalysisReport, ConnectionReport } from './report-types.ts';

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
  return lines;
}

export function formatAnalysisSummary(r: AnalysisReport, fileName?: string): string {
  const lines: string[] = [];
  const head = fileName ? `${fileName}: ` : '';
  lines.push(
    `${head}${r.packets} packets (${r.format ?? 'unknown format'}), ${r.tcpPackets} TCP, ${r.mptcpPackets} with MPTCP options, ${r.connections.length} MPTCP connection${r.connections.length === 1 ? '' : 's'}${r.cutPackets ? `, ${r.cutPackets} cut by the snap length` : ''}${r.hopRepeats ? `; ${r.hopRepeats} frames are later hops of packets seen on another interface, counted once` : ''}`,
  );
  r.connections.forEach((c, i) => {
    lines.push('');
    lines.push(...connectionText(c, i));
  });
  if (r.problems.length) {
    lines.push('');
    lines.push(`Problems (${r.problems.length}):`);
    for (const p of r.problems.slice(0, 50)) lines.push(`  ! ${p.code}: ${p.message}`);
    if (r.problems.length > 50) lines.push(`  ... and ${r.problems.length - 50} more (use --json for all)`);
  }
  return lines.join('\n');
}
