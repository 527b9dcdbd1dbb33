// Writes large test captures for `lab analyze`'s memory and speed checks (issue 13). Never commit the output.
//
//   npx tsx scripts/capture/make-big-capture.ts zeros     /tmp/zeros.pcap [--mb 1024]
//   npx tsx scripts/capture/make-big-capture.ts mptcp     /tmp/mptcp.pcap [--mb 1024]
//   npx tsx scripts/capture/make-big-capture.ts synflood  /tmp/flood.pcap [--flows 10000000] [--mptcp]
//
// zeros:    a valid pcap header, then zeros: tens of millions of zero-length records.
// mptcp:    MPTCP v1 connections, each an MP_CAPABLE handshake, a join (real tokens, nonces and HMACs),
//           an ADD_ADDR with its HMAC, 1400-byte data segments with DSS mappings and DATA_ACKs on both
//           subflows, DATA_FINs and FINs; 64 connections overlap in time, each on its own ports.
// synflood: plain TCP SYNs (no MPTCP option), each from a distinct address and port in 198.18.0.0/15;
//           with --mptcp each SYN carries MP_CAPABLE (v1), so every one is an MPTCP connection to track.
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { addAddrHmac, joinAckHmac, joinSynAckHmac, LINKTYPE_RAW, PcapWriter, tokenFromKey, idsnFromKey, type IpAddress, type TcpOption } from '../../src/engine/index.ts';
import { buildTcpPacket } from '../../src/engine/wire/build-tcp-packet.ts';
import { tcpOptionsByteLength } from '../../src/engine/wire/tcp-options.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { mb: { type: 'string' }, flows: { type: 'string' }, mptcp: { type: 'boolean' } } });
const [kind, out] = positionals;
if (!kind || !out || !['zeros', 'mptcp', 'synflood'].includes(kind)) {
  console.error('usage: make-big-capture.ts zeros|mptcp|synflood <out.pcap> [--mb N] [--flows N]');
  process.exit(2);
}
const targetBytes = Number(values.mb ?? 1024) * 1024 * 1024;

/** Buffers records and writes them in 4 MiB blocks. */
class Out {
  private readonly fd = openSync(out!, 'w');
  private buf = new Uint8Array(4 << 20);
  private len = 0;
  written = 0;
  write(b: Uint8Array): void {
    if (this.len + b.length > this.buf.length) this.flush();
    if (b.length > this.buf.length) {
      writeSync(this.fd, b);
      this.written += b.length;
      return;
    }
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  flush(): void {
    writeSync(this.fd, this.buf, 0, this.len);
    this.written += this.len;
    this.len = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const pcap = new PcapWriter({ linkType: LINKTYPE_RAW });
const o = new Out();
o.write(pcap.header());
let usNow = 1_700_000_000 * 1e6;
const record = (data: Uint8Array): void => {
  o.write(pcap.record({ tsSec: Math.floor(usNow / 1e6), tsNsec: (usNow % 1e6) * 1000, data }));
};

/** A small deterministic generator (xorshift), so the files are the same every time. */
let seed = 0x9e3779b9;
const rand32 = (): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed >>> 0;
};
const rand64 = (): bigint => (BigInt(rand32()) << 32n) | BigInt(rand32());
const v4 = (n: number): IpAddress => ({ family: 4, bytes: new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]) });

if (kind === 'zeros') {
  const zeros = new Uint8Array(1 << 20);
  while (o.written + (1 << 20) <= targetBytes) o.write(zeros);
} else if (kind === 'synflood') {
  const flows = Number(values.flows ?? 10_000_000);
  const dst = v4((192 << 24) | (0 << 16) | (2 << 8) | 1);
  const mss: TcpOption[] = values.mptcp ? [{ kind: 'mp-capable', version: 1, flags: 0x01 }] : [{ kind: 'mss', mss: 1460 }];
  for (let i = 0; i < flows; i++) {
    // 198.18.0.0/15 holds 131072 addresses; 1024 ports each covers 134 million flows.
    const src = v4(((198 << 24) | (18 << 16)) + (i % 131072));
    const port = 1024 + Math.floor(i / 131072);
    record(buildTcpPacket({ src, dst, srcPort: port, dstPort: 80, seq: rand32(), ack: 0, flags: 0x02, window: 64240, options: mss, payloadLength: 0, ipId: i & 0xffff, ttl: 64 }));
    usNow += 10;
  }
} else {
  mptcpCaptures();
}
o.close();
console.error(`${out}: ${o.written} bytes`);

interface Dir {
  src: IpAddress;
  dst: IpAddress;
  sport: number;
  dport: number;
  seq: number;
  ack: number;
}

function mptcpCaptures(): void {
  const SEGMENTS = 24; // data segments per direction per subflow
  const PAYLOAD = 1400;
  const fill = (buf: Uint8Array, at: number) => buf.fill(0x61, at, at + PAYLOAD);
  const nop: TcpOption = { kind: 'nop' };
  // Each connection is a list of packets; 64 connections are interleaved round-robin.
  const LIVE = 64;
  let next = 0;
  const live: Generator<Uint8Array, void>[] = [];
  const start = (): Generator<Uint8Array, void> => connection(next++);
  for (let i = 0; i < LIVE; i++) live.push(start());
  while (o.written < targetBytes) {
    for (let i = 0; i < live.length; i++) {
      let r = live[i]!.next();
      if (r.done) {
        live[i] = start();
        r = live[i]!.next();
      }
      record(r.value as Uint8Array);
      usNow += 7;
    }
  }

  function* connection(n: number): Generator<Uint8Array, void> {
    const client = v4((10 << 24) + 1 + (n % 250) * 256 + 1);
    const client2 = v4((10 << 24) + (1 << 16) + 1 + (n % 250) * 256 + 1);
    const server = v4((192 << 24) | (0 << 16) | (2 << 8) | 10);
    const cport = 10000 + (n % 50000);
    const ck = rand64();
    const sk = rand64();
    const cIdsn = idsnFromKey(1, ck);
    const sIdsn = idsnFromKey(1, sk);
    const pkt = (d: Dir, flags: number, options: TcpOption[], payload: number) =>
      buildTcpPacket({ src: d.src, dst: d.dst, srcPort: d.sport, dstPort: d.dport, seq: d.seq, ack: d.ack, flags, window: 502, options: pad(options), payloadLength: payload, fillPayload: fill, ipId: n & 0xffff, ttl: 64 });
    const pad = (opts: TcpOption[]): TcpOption[] => {
      const len = tcpOptionsByteLength(opts);
      const out = [...opts];
      for (let i = len; i % 4 !== 0; i++) out.unshift(nop);
      return out;
    };
    // Initial subflow.
    const c: Dir = { src: client, dst: server, sport: cport, dport: 443, seq: rand32(), ack: 0 };
    const s: Dir = { src: server, dst: client, sport: 443, dport: cport, seq: rand32(), ack: 0 };
    yield pkt(c, 0x02, [{ kind: 'mp-capable', version: 1, flags: 0x01 }], 0);
    c.seq = (c.seq + 1) >>> 0;
    s.ack = c.seq;
    yield pkt(s, 0x12, [{ kind: 'mp-capable', version: 1, flags: 0x01, senderKey: sk }], 0);
    s.seq = (s.seq + 1) >>> 0;
    c.ack = s.seq;
    yield pkt(c, 0x10, [{ kind: 'mp-capable', version: 1, flags: 0x01, senderKey: ck, receiverKey: sk }], 0);
    // Server announces a second address (v1 ADD_ADDR with its HMAC).
    const addr2 = v4((192 << 24) | (0 << 16) | (2 << 8) | 11);
    yield pkt(s, 0x10, [{ kind: 'add-addr', version: 1, echo: false, addressId: 1, address: addr2, hmac: addAddrHmac(sk, ck, 1, addr2), reserved: 0 }], 0);
    // Join from the client's second address.
    const j: Dir = { src: client2, dst: server, sport: cport, dport: 443, seq: rand32(), ack: 0 };
    const js: Dir = { src: server, dst: client2, sport: 443, dport: cport, seq: rand32(), ack: 0 };
    const cNonce = rand32();
    const sNonce = rand32();
    yield pkt(j, 0x02, [{ kind: 'mp-join-syn', backup: false, addressId: 2, token: tokenFromKey(1, sk), nonce: cNonce, reserved: 0 }], 0);
    j.seq = (j.seq + 1) >>> 0;
    js.ack = j.seq;
    yield pkt(js, 0x12, [{ kind: 'mp-join-syn-ack', backup: false, addressId: 0, truncatedHmac: joinSynAckHmac(1, sk, ck, sNonce, cNonce), nonce: sNonce, reserved: 0 }], 0);
    js.seq = (js.seq + 1) >>> 0;
    j.ack = js.seq;
    yield pkt(j, 0x10, [{ kind: 'mp-join-ack', hmac: joinAckHmac(1, ck, sk, cNonce, sNonce), reserved: 0 }], 0);
    yield pkt(js, 0x10, [{ kind: 'dss', dataFin: false, dataAck: cIdsn + 1n, dataAck64: true, dsn64: true, reserved: 0 }], 0);
    // Data both ways on both subflows, each segment with a DSS mapping and a DATA_ACK.
    let cDsn = cIdsn + 1n;
    let sDsn = sIdsn + 1n;
    const subs: [Dir, Dir][] = [
      [c, s],
      [j, js],
    ];
    const ssn = (d: Dir, isn0: number) => ((d.seq - isn0) >>> 0);
    const isns = new Map<Dir, number>([
      [c, (c.seq - 1) >>> 0],
      [s, (s.seq - 1) >>> 0],
      [j, (j.seq - 1) >>> 0],
      [js, (js.seq - 1) >>> 0],
    ]);
    for (let i = 0; i < SEGMENTS; i++) {
      for (const [a, b] of subs) {
        yield pkt(a, 0x18, [{ kind: 'dss', dataFin: false, dataAck: sDsn, dataAck64: true, dsn64: true, mapping: { dsn: cDsn, ssn: ssn(a, isns.get(a)!), dataLength: PAYLOAD }, reserved: 0 }], PAYLOAD);
        a.seq = (a.seq + PAYLOAD) >>> 0;
        b.ack = a.seq;
        cDsn += BigInt(PAYLOAD);
        yield pkt(b, 0x18, [{ kind: 'dss', dataFin: false, dataAck: cDsn, dataAck64: true, dsn64: true, mapping: { dsn: sDsn, ssn: ssn(b, isns.get(b)!), dataLength: PAYLOAD }, reserved: 0 }], PAYLOAD);
        b.seq = (b.seq + PAYLOAD) >>> 0;
        a.ack = b.seq;
        sDsn += BigInt(PAYLOAD);
      }
    }
    // DATA_FIN both ways on the initial subflow, then FINs on both subflows.
    yield pkt(c, 0x10, [{ kind: 'dss', dataFin: true, dataAck: sDsn, dataAck64: true, dsn64: true, mapping: { dsn: cDsn, ssn: 0, dataLength: 1 }, reserved: 0 }], 0);
    yield pkt(s, 0x10, [{ kind: 'dss', dataFin: true, dataAck: cDsn + 1n, dataAck64: true, dsn64: true, mapping: { dsn: sDsn, ssn: 0, dataLength: 1 }, reserved: 0 }], 0);
    for (const [a, b] of subs) {
      yield pkt(a, 0x11, [{ kind: 'dss', dataFin: false, dataAck: sDsn + 1n, dataAck64: true, dsn64: true, reserved: 0 }], 0);
      a.seq = (a.seq + 1) >>> 0;
      b.ack = a.seq;
      yield pkt(b, 0x11, [{ kind: 'dss', dataFin: false, dataAck: cDsn + 1n, dataAck64: true, dsn64: true, reserved: 0 }], 0);
      b.seq = (b.seq + 1) >>> 0;
      a.ack = b.seq;
      yield pkt(a, 0x10, [{ kind: 'dss', dataFin: false, dataAck: sDsn + 1n, dataAck64: true, dsn64: true, reserved: 0 }], 0);
    }
  }
}
