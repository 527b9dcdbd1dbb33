/**
 * Turns the analyzer's observations into the report, doing every
 * key-dependent check: tokens and IDSNs from the keys, both MP_JOIN HMACs,
 * v1 ADD_ADDR HMACs, the IDSN against the DSNs on the wire, and the
 * MP_FASTCLOSE key. Every failed check is a problem naming its frame.
 * A connection's checks run once, when the analyzer summarises it (its last
 * subflow left the flow table, or the capture ended).
 */
import { hex32, hex64, toHex, bytesEqual } from '../core/hex.ts';
import { addAddrHmac, deriveFromKey, joinAckHmac, joinSynAckHmac } from '../crypto/mptcp-crypto.ts';
import { formatIp } from '../wire/ip-address.ts';
import type { CaptureAnalyzer } from './capture-analyzer.ts';
import { endpointText } from './endpoints.ts';
import { otherSide, type ConnectionState, type DsnEvidence, type SubflowState } from './model.ts';
import { countCode, type AnalysisLimits } from './limits.ts';
import type { AddAddrReport, AnalysisReport, ConnectionReport, EventReport, OmittedConnections, ProblemReport, Side, SubflowReport, VerdictCounts } from './report-types.ts';

/** The report, once every connection has been summarised (`CaptureAnalyzer.finish`). */
export function buildReport(a: CaptureAnalyzer): AnalysisReport {
  return {
    packets: a.packets,
    format: a.format,
    tcpPackets: a.tcpPackets,
    mptcpPackets: a.mptcpPackets,
    cutPackets: a.cutPackets,
    hopRepeats: a.hopRepeats,
    connections: a.connectionReports,
    problems: [...a.problems.kept].sort(byFrame),
    bounds: {
      limits: { ...a.limits },
      plainTcpFlows: a.plainTcpFlows,
      mptcpConnections: a.connectionCount,
      omittedConnections: a.omittedConnections,
      flowsDropped: { ...a.flowsDropped },
      peakLiveFlows: a.peakLiveFlows,
      problems: a.problems.total,
      omittedProblems: a.problems.omitted,
    },
  };
}

const tally = (t: VerdictCounts, v: boolean | null): void => {
  if (v === null) t.notCheckable++;
  else if (v) t.verified++;
  else t.mismatch++;
};

/** Adds a connection past the report's cap to the counts that stand for it. */
export function tallyConnection(t: OmittedConnections, c: ConnectionReport): void {
  t.count++;
  t.subflows += c.subflows.length + (c.omitted?.subflows ?? 0);
  tally(t.idsn, c.clientIdsnVerified);
  tally(t.idsn, c.serverIdsnVerified);
  for (const s of c.subflows) if (s.join) tally(t.joinHmac, s.hmacVerified);
  for (const x of c.addAddrs) if (!x.echo && x.version === 1) tally(t.addAddrHmac, x.hmacVerified);
  t.dssChecksum.verified += c.dssChecksum.verified;
  t.dssChecksum.failed += c.dssChecksum.failed;
  t.dssChecksum.unchecked += c.dssChecksum.unchecked;
  for (const p of c.problems) countCode(t.problems, p.code);
  for (const [code, n] of Object.entries(c.omitted?.problems ?? {})) countCode(t.problems, code, n);
}

const byFrame = (x: { frame: number | null }, y: { frame: number | null }) => (x.frame ?? 0) - (y.frame ?? 0);

function keyOf(c: ConnectionState, side: Side): bigint | null {
  return side === 'client' ? c.clientKey : c.serverKey;
}

export function connectionReport(c: ConnectionState, limits: Pick<AnalysisLimits, 'maxConnectionProblems'>): ConnectionReport {
  const problems: ProblemReport[] = [...c.problems];
  const client = c.clientKey !== null ? deriveFromKey(c.version, c.clientKey) : null;
  const server = c.serverKey !== null ? deriveFromKey(c.version, c.serverKey) : null;
  const subflows = c.subflows.map((sf, i) => subflowReport(c, sf, i, problems));
  const addAddrs = c.addAddrs.map((o) => addAddrReport(c, o, problems));
  const idsnCheck = (side: Side, idsn: bigint | null): boolean | null => {
    if (idsn === null || c.initial.synFrame === null) return null;
    const verdicts = [checkDsn(idsn, c.firstMapping[side], 0), checkDsn(idsn, c.firstDataAck[otherSide(side)], 1)].filter((v) => v !== null);
    if (verdicts.length === 0) return null;
    const ok = verdicts.every(Boolean);
    if (!ok) {
      const ev = c.firstMapping[side] ?? c.firstDataAck[otherSide(side)];
      problems.push({
        frame: ev?.frame ?? null,
        code: 'ANALYSIS_IDSN_MISMATCH',
        message: `frame ${ev?.frame}: the ${side}'s data sequence numbers on the wire do not start at its IDSN + 1 (${hex64(idsn + 1n)})`,
      });
    }
    return ok;
  };
  const clientIdsnVerified = idsnCheck('client', client?.idsn ?? null);
  const serverIdsnVerified = idsnCheck('server', server?.idsn ?? null);
  const events = c.events.map((e) => (e.kind === 'mp-fastclose' ? fastcloseEvent(c, e) : e));
  return {
    version: c.version,
    client: endpointText(c.initial.client),
    server: endpointText(c.initial.server),
    clientKey: c.clientKey !== null ? hex64(c.clientKey) : null,
    serverKey: c.serverKey !== null ? hex64(c.serverKey) : null,
    clientToken: client ? hex32(client.token) : null,
    serverToken: server ? hex32(server.token) : null,
    clientIdsn: client ? hex64(client.idsn) : null,
    serverIdsn: server ? hex64(server.idsn) : null,
    clientIdsnVerified,
    serverIdsnVerified,
    subflows,
    addAddrs,
    removeAddrs: c.removeAddrs.map((r) => ({ ...r })),
    events,
    dssChecksum: { negotiated: (((c.synFlags ?? 0) | (c.synAckFlags ?? 0)) & 0x80) !== 0, ...c.checksumStats },
    ...cappedProblems(c, problems.sort(byFrame), limits.maxConnectionProblems),
  };
}

/** The first `max` problems by frame; the rest counted by code beside what the analyzer already left out. */
function cappedProblems(c: ConnectionState, sorted: ProblemReport[], max: number): Pick<ConnectionReport, 'problems' | 'omitted'> {
  const omitted = { ...c.omitted, problems: { ...c.omitted.problems } };
  for (const p of sorted.slice(max)) countCode(omitted.problems, p.code);
  return { problems: sorted.slice(0, max), omitted };
}

/**
 * The first DSN a side used must lie between IDSN + 1 and IDSN + 1 plus the
 * payload bytes it had sent before (data carried by MP_CAPABLE or not yet
 * mapped); likewise the peer's first DATA_ACK, which may also count the
 * DATA_FIN (`slack`). A wrong IDSN lands there with negligible probability.
 */
function checkDsn(idsn: bigint, ev: DsnEvidence | null, slack: number): boolean | null {
  if (!ev) return null;
  const start = idsn + 1n;
  const bits = ev.is64 ? 64 : 32;
  const d = BigInt.asUintN(bits, ev.value - start);
  return d <= BigInt(ev.bytesBefore + slack);
}

function subflowReport(c: ConnectionState, sf: SubflowState, index: number, problems: ProblemReport[]): SubflowReport {
  const j = sf.join;
  let synAckHmacVerified: boolean | null = null;
  let ackHmacVerified: boolean | null = null;
  if (j) {
    const initKey = keyOf(c, sf.initiator);
    const respKey = keyOf(c, otherSide(sf.initiator));
    if (initKey !== null && respKey !== null && j.responderNonce !== null) {
      if (j.synAckHmac !== null) {
        const expected = joinSynAckHmac(c.version, respKey, initKey, j.responderNonce, j.initiatorNonce);
        synAckHmacVerified = expected === j.synAckHmac;
        if (!synAckHmacVerified) {
          problems.push({
            frame: j.synAckFrame,
            code: 'ANALYSIS_HMAC_MISMATCH',
            message: `frame ${j.synAckFrame}: MP_JOIN SYN/ACK HMAC of subflow ${index} is ${hex64(j.synAckHmac)}, the keys give ${hex64(expected)}`,
          });
        }
      }
      if (j.ackHmac !== null) {
        const expected = joinAckHmac(c.version, initKey, respKey, j.initiatorNonce, j.responderNonce);
        ackHmacVerified = bytesEqual(expected, j.ackHmac);
        if (!ackHmacVerified) {
          problems.push({
            frame: j.ackFrame,
            code: 'ANALYSIS_HMAC_MISMATCH',
            message: `frame ${j.ackFrame}: MP_JOIN ACK HMAC of subflow ${index} is ${toHex(j.ackHmac)}, the keys give ${toHex(expected)}`,
          });
        }
      }
    }
  }
  const checks = [synAckHmacVerified, ackHmacVerified].filter((v) => v !== null);
  return {
    client: endpointText(sf.client),
    server: endpointText(sf.server),
    join: sf.kind === 'mp-join',
    addressId: j ? j.initiatorAddressId : null,
    responderAddressId: j ? j.responderAddressId : null,
    backup: j ? j.initiatorBackup || j.responderBackup : false,
    hmacVerified: checks.length === 0 ? null : checks.every(Boolean),
    synAckHmacVerified,
    ackHmacVerified,
    initiator: sf.initiator,
    synFrame: sf.synFrame,
    synAckFrame: j?.synAckFrame ?? null,
    ackFrame: j?.ackFrame ?? null,
    token: j ? hex32(j.token) : null,
    established: sf.established,
    resetFrame: sf.reset?.frame ?? null,
    resetBy: sf.reset?.from ?? null,
    packets: sf.packets,
    payloadBytes: sf.payloadBytes,
  };
}

function addAddrReport(c: ConnectionState, obs: ConnectionState['addAddrs'][number], problems: ProblemReport[]): AddAddrReport {
  const o = obs.option;
  let hmacVerified: boolean | null = null;
  const sender = keyOf(c, obs.from);
  const receiver = keyOf(c, otherSide(obs.from));
  // Echoes and v0 options carry no HMAC: nothing to check.
  if (o.version === 1 && !o.echo && o.hmac !== undefined && sender !== null && receiver !== null) {
    const expected = addAddrHmac(sender, receiver, o.addressId, o.address, o.port);
    hmacVerified = expected === o.hmac;
    if (!hmacVerified) {
      problems.push({
        frame: obs.frame,
        code: 'ANALYSIS_HMAC_MISMATCH',
        message: `frame ${obs.frame}: ADD_ADDR HMAC for address ID ${o.addressId} (${formatIp(o.address)}) is ${hex64(o.hmac)}, the keys give ${hex64(expected)}`,
      });
    }
  }
  return {
    frame: obs.frame,
    from: obs.from,
    addressId: o.addressId,
    address: formatIp(o.address),
    port: o.port ?? null,
    echo: o.echo,
    hmacVerified,
    hmac: o.hmac !== undefined ? hex64(o.hmac) : null,
    version: o.version,
  };
}

function fastcloseEvent(c: ConnectionState, e: EventReport): EventReport {
  const f = c.fastcloses.find((x) => x.frame === e.frame);
  if (!f) return e;
  const target = otherSide(f.from);
  const key = keyOf(c, target);
  const keyVerified = key === null ? null : key === f.receiverKey;
  const verdict = keyVerified === null ? `the ${target}'s key is not in the capture` : keyVerified ? `carries the ${target}'s key: accepted` : `does not carry the ${target}'s key: ignored`;
  return { ...e, detail: `MP_FASTCLOSE ${verdict}`, keyVerified };
}
