/**
 * Data injection (TCP heritage): put bytes into the victim's stream. The
 * segment must carry exactly the next TCP sequence number and, for MPTCP,
 * a DSS mapping at exactly the next data sequence number (with the DSS
 * checksum when the connection uses them, which anyone can compute). An
 * attacker that saw the subflow forges them from what it saw last; one
 * that saw nothing would have to guess both, which it states but does not
 * try (the guesses are astronomically many). The victim's own checks
 * decide whether its application reads the bytes.
 */
import { formatEndpoint } from '../../wire/ip-address.ts';
import type { Out } from '../../scenario/schema-dsl.ts';
import { dssChecksum } from '../../wire/dss-checksum.ts';
import type { Dss } from '../../wire/mptcp/types.ts';
import { TCP_FLAG } from '../../wire/tcp-header.ts';
import type { TcpOption } from '../../wire/tcp-options.ts';
import type { DATA_INJECTION_PARAMS } from '../catalog.ts';
import { craftSegment } from '../craft.ts';
import type { FlowView, KnownConnection } from '../knowledge.ts';
import type { AttackContext, AttackStrategy, StrategyDefinition } from '../strategy.ts';

type Params = Out<typeof DATA_INJECTION_PARAMS>;

const PORTS = 60999 - 32768 + 1;
const WINDOW = 6 * 1024 * 1024;

class DataInjection implements AttackStrategy {
  constructor(private readonly p: Params) {}

  start(ctx: AttackContext): void {
    ctx.later(this.p.atUs, () => this.strike(ctx));
  }

  private strike(ctx: AttackContext): void {
    const kb = ctx.knowledge;
    // The subflow toward the victim it saw data on most recently.
    let best: { c: KnownConnection; toVictim: FlowView; fromVictim: FlowView | undefined } | null = null;
    for (const c of kb.connections.values()) {
      const { toServer, toClient } = kb.flowsOf(c);
      const toVictim = this.p.victim === 'server' ? toServer : toClient;
      const fromVictim = this.p.victim === 'server' ? toClient : toServer;
      if (toVictim && (!best || toVictim.lastSeenUs > best.toVictim.lastSeenUs)) best = { c, toVictim, fromVictim };
    }
    if (!best) {
      ctx.act({ kind: 'attacker-gives-up', note: `has seen no subflow toward the ${this.p.victim}: it would have to guess the port and both sequence numbers (see expected guesses)` });
      return;
    }
    const { toVictim: f, fromVictim: back } = best;
    const payload = Uint8Array.from(this.p.text, (ch) => ch.charCodeAt(0)); // printable ASCII, checked by the validator
    const options: TcpOption[] = [];
    if (f.tsVal !== null) options.push({ kind: 'timestamps', tsval: (f.tsVal + 1) >>> 0, tsecr: back?.tsVal ?? 0 });
    let dataLevel = '';
    if (f.nextDsn !== null && f.ssnBase !== null) {
      const ssn = (f.nextSeq - f.ssnBase) >>> 0;
      const mapping = { dsn: f.nextDsn, ssn, dataLength: payload.length, ...(f.checksums ? { checksum: dssChecksum(f.nextDsn, ssn, payload.length, payload) } : {}) };
      const dss: Dss = { kind: 'dss', dataFin: false, dataAck64: false, dsn64: true, reserved: 0, mapping, ...(f.dataAck !== null ? { dataAck: f.dataAck & 0xffffffffn } : {}) };
      options.push(dss);
      dataLevel = `, DSN ${f.nextDsn} (SSN ${ssn})${f.checksums ? ' with its DSS checksum' : ''}`;
    }
    const bytes = craftSegment({
      src: f.src,
      dst: f.dst,
      srcPort: f.srcPort,
      dstPort: f.dstPort,
      seq: f.nextSeq,
      ack: back?.nextSeq ?? f.ack,
      flags: TCP_FLAG.ACK | TCP_FLAG.PSH,
      window: f.window,
      options,
      payload,
    });
    ctx.inject(bytes, `${payload.length} bytes "${this.p.text}" to ${formatEndpoint(f.dst, f.dstPort)} as ${formatEndpoint(f.src, f.srcPort)}, at seq ${f.nextSeq}${dataLevel} — the next numbers it saw at ${f.lastSeenUs} µs`);
  }

  expectedGuesses(): { guesses: number; why: string } {
    const inWindow = Math.ceil(2 ** 32 / WINDOW);
    const dsn = Math.ceil(2 ** 64 / WINDOW);
    return {
      guesses: PORTS * inWindow * dsn,
      why: `${PORTS} client ports × ${inWindow} in-window TCP sequence numbers × ${dsn.toExponential(2)} in-window data sequence numbers: MPTCP adds the 64-bit DSN to what a blind injector must hit (plain TCP needs only the first two)`,
    };
  }
}

export const dataInjection: StrategyDefinition = {
  create: (params) => new DataInjection(params as Params),
};
