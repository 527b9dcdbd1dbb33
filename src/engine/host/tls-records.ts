/**
 * The `tls` mitigation: a record layer between the application and its
 * connection, with TLS's framing (type 23, version 3.3, length) and its two
 * guarantees. Secrecy: each record is encrypted with ChaCha20 (the record
 * number as nonce). Integrity:
 * each record carries a 16-byte tag, HMAC-SHA256 over the record number,
 * header and ciphertext. A record that fails its tag (or breaks the framing)
 * is a fatal alert: the connection is aborted, nothing of it is delivered.
 *
 * Keys come from a handshake this lab does not model: both ends derive
 * them from the same secret, per direction.
 */
import { be64 } from '../core/hex.ts';
import { chacha20Xor } from '../crypto/chacha20.ts';
import { hmacDigest, sha256 } from '../crypto/hash.ts';
import type { AppHandlers, AppSocket, SocketState } from './app-socket.ts';
import type { ByteSource } from './byte-stream.ts';
import { recordTagValid } from './security-checks.ts';

/** Why a record layer gave up on its connection (a fatal alert). */
export interface TlsAlert {
  cause: 'bad-header' | 'bad-record-mac';
  record: number;
}

const HEADER = 5;
const TAG = 16;
const MAX_PLAIN = 16384;
const TYPE_APPLICATION_DATA = 23;

export interface DirectionKeys {
  enc: Uint8Array;
  mac: Uint8Array;
}

export interface TlsKeys {
  /** Keys of what this end writes, and of what it reads. */
  write: DirectionKeys;
  read: DirectionKeys;
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

/** Both ends' keys for one connection, from a secret they share; `client` picks which is written. */
export function tlsKeys(secret: string, client: boolean): TlsKeys {
  const dir = (name: string): DirectionKeys => ({ enc: sha256(ascii(`${secret}|${name}|enc`)), mac: sha256(ascii(`${secret}|${name}|mac`)) });
  const c2s = dir('client');
  const s2c = dir('server');
  return client ? { write: c2s, read: s2c } : { write: s2c, read: c2s };
}

/** XORs `data` in place with the ChaCha20 keystream of record `seq` (the record number is the nonce, as in TLS 1.3). */
function crypt(key: Uint8Array, seq: bigint, data: Uint8Array): void {
  const nonce = new Uint8Array(12);
  nonce.set(be64(seq), 4);
  chacha20Xor(key, nonce, 0, data);
}

function tag(key: Uint8Array, seq: bigint, header: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const msg = new Uint8Array(8 + HEADER + ciphertext.length);
  msg.set(be64(seq), 0);
  msg.set(header, 8);
  msg.set(ciphertext, 8 + HEADER);
  return hmacDigest('sha256', key, msg).subarray(0, TAG);
}

/** Records kept sealed: subflows and retransmissions read a few records at once, each record is sealed once. */
const CACHED_RECORDS = 8;

/** The records of a plaintext source, made as they are read (a 100 MB write costs a few records of memory). */
class RecordSource implements ByteSource {
  readonly length: number;
  private readonly cache = new Map<number, Uint8Array>();

  constructor(
    private readonly plain: ByteSource,
    private readonly keys: DirectionKeys,
    private readonly firstSeq: bigint,
  ) {
    const records = Math.ceil(plain.length / MAX_PLAIN);
    this.length = plain.length + records * (HEADER + TAG);
  }

  get records(): number {
    return Math.ceil(this.plain.length / MAX_PLAIN);
  }

  private build(i: number): Uint8Array {
    const hit = this.cache.get(i);
    if (hit) return hit;
    const start = i * MAX_PLAIN;
    const n = Math.min(MAX_PLAIN, this.plain.length - start);
    const rec = new Uint8Array(HEADER + n + TAG);
    rec.set([TYPE_APPLICATION_DATA, 3, 3, n >> 8, n & 0xff], 0);
    const body = rec.subarray(HEADER, HEADER + n);
    this.plain.fill(body, 0, start, n);
    const seq = this.firstSeq + BigInt(i);
    crypt(this.keys.enc, seq, body);
    rec.set(tag(this.keys.mac, seq, rec.subarray(0, HEADER), body), HEADER + n);
    // Oldest-inserted out first: reads move forward through the stream.
    if (this.cache.size >= CACHED_RECORDS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(i, rec);
    return rec;
  }

  fill(buf: Uint8Array, at: number, offset: number, len: number): void {
    const full = HEADER + MAX_PLAIN + TAG;
    let done = 0;
    while (done < len) {
      const pos = offset + done;
      const i = Math.floor(pos / full);
      const rec = this.build(i);
      const within = pos - i * full;
      const n = Math.min(len - done, rec.length - within);
      buf.set(rec.subarray(within, within + n), at + done);
      done += n;
    }
  }
}

/**
 * One connection's record layer: `wrap` gives the application a socket
 * whose writes are sealed; `handlers` turns the application's handlers into
 * the connection's, which open and check what arrives before passing it on.
 * A failed check is a fatal alert: `onAlert` hears why, the connection is
 * aborted, and the application is told it closed with "tls-alert".
 */
export class TlsSession {
  private writeSeq = 0n;
  private readSeq = 0n;
  /** Bytes received and not yet a whole record: `pending[0, pendingLen)`, grown by doubling so each byte is copied once or twice. */
  private pending = new Uint8Array(HEADER + MAX_PLAIN + TAG);
  private pendingLen = 0;
  private failed = false;
  private readonly wrappers = new WeakMap<AppSocket, AppSocket>();

  constructor(
    private readonly keys: TlsKeys,
    private readonly onAlert: (why: TlsAlert) => void,
  ) {}

  wrap(s: AppSocket): AppSocket {
    let w = this.wrappers.get(s);
    if (!w) {
      const self = this.keys;
      const seq = () => this.writeSeq;
      const advance = (n: number) => (this.writeSeq += BigInt(n));
      w = {
        get state(): SocketState {
          return s.state;
        },
        write(source: ByteSource) {
          const r = new RecordSource(source, self.write, seq());
          advance(r.records);
          s.write(r);
        },
        close: () => s.close(),
        abort: () => s.abort(),
      };
      this.wrappers.set(s, w);
    }
    return w;
  }

  handlers(app: AppHandlers): AppHandlers {
    return {
      onOpen: (sock) => app.onOpen?.(this.wrap(sock)),
      onEnd: (sock) => app.onEnd?.(this.wrap(sock)),
      onClose: (sock, reason) => app.onClose?.(this.wrap(sock), this.failed ? 'tls-alert' : reason),
      onData: (sock, bytes) => this.receive(sock, bytes, app),
    };
  }

  private receive(sock: AppSocket, bytes: Uint8Array, app: AppHandlers): void {
    if (this.failed) return;
    if (this.pendingLen + bytes.length > this.pending.length) {
      const grown = new Uint8Array(Math.max(this.pending.length * 2, this.pendingLen + bytes.length));
      grown.set(this.pending.subarray(0, this.pendingLen));
      this.pending = grown;
    }
    this.pending.set(bytes, this.pendingLen);
    this.pendingLen += bytes.length;
    const buf = this.pending;
    const end = this.pendingLen;
    let at = 0;
    while (end - at >= HEADER) {
      const n = (buf[at + 3]! << 8) | buf[at + 4]!;
      if (buf[at] !== TYPE_APPLICATION_DATA || buf[at + 1] !== 3 || buf[at + 2] !== 3 || n > MAX_PLAIN) return this.alert(sock, { cause: 'bad-header', record: Number(this.readSeq) });
      if (end - at < HEADER + n + TAG) break;
      const header = buf.subarray(at, at + HEADER);
      const body = buf.slice(at + HEADER, at + HEADER + n);
      const got = buf.subarray(at + HEADER + n, at + HEADER + n + TAG);
      const want = tag(this.keys.read.mac, this.readSeq, header, body);
      if (!recordTagValid(want, got)) return this.alert(sock, { cause: 'bad-record-mac', record: Number(this.readSeq) });
      crypt(this.keys.read.enc, this.readSeq, body);
      this.readSeq++;
      at += HEADER + n + TAG;
      app.onData?.(this.wrap(sock), body);
    }
    // What is left is less than a record: move it to the front once per batch of records read.
    if (at > 0) {
      buf.copyWithin(0, at, end);
      this.pendingLen = end - at;
    }
  }

  private alert(sock: AppSocket, why: TlsAlert): void {
    this.failed = true;
    this.onAlert(why);
    sock.abort();
  }
}
