/**
 * The record layer on its own: what it seals opens again, what anyone
 * changes is caught, and what it puts out holds none of the plaintext.
 */
import { describe, expect, it } from 'vitest';
import type { AppHandlers, AppSocket } from './app-socket.ts';
import { PatternSource, applicationRun, type ByteSource } from './byte-stream.ts';
import { TlsSession, tlsKeys, type TlsAlert } from './tls-records.ts';

/** A socket that keeps what is written to it. */
function sink(): AppSocket & { out: Uint8Array[]; aborted: boolean } {
  const s = {
    state: 'open' as const,
    out: [] as Uint8Array[],
    aborted: false,
    write(src: ByteSource) {
      const b = new Uint8Array(src.length);
      src.fill(b, 0, 0, src.length);
      s.out.push(b);
    },
    close() {},
    abort() {
      s.aborted = true;
    },
  };
  return s;
}

function sealed(bytes: number): Uint8Array {
  const wire = sink();
  new TlsSession(tlsKeys('secret', true), () => {}).wrap(wire).write(new PatternSource(bytes, 5));
  return wire.out[0]!;
}

function open(records: Uint8Array): { got: Uint8Array[]; alerts: TlsAlert[]; aborted: boolean } {
  const got: Uint8Array[] = [];
  const alerts: TlsAlert[] = [];
  const app: AppHandlers = { onData: (_s, b) => got.push(b.slice()) };
  const sock = sink();
  const h = new TlsSession(tlsKeys('secret', false), (a) => alerts.push(a)).handlers(app);
  // Arrives in odd pieces, as TCP hands it over.
  for (let at = 0; at < records.length; at += 1000) h.onData!(sock, records.subarray(at, Math.min(records.length, at + 1000)));
  return { got, alerts, aborted: sock.aborted };
}

describe('TLS records', () => {
  it('seal 40,000 bytes into three records that open to the same bytes', () => {
    const records = sealed(40_000);
    expect(records.length).toBe(40_000 + 3 * (5 + 16));
    const { got, alerts } = open(records);
    expect(alerts).toEqual([]);
    const plain = new Uint8Array(40_000);
    new PatternSource(40_000, 5).fill(plain, 0, 0, 40_000);
    expect(Buffer.concat(got).equals(Buffer.from(plain))).toBe(true);
  });

  it('put none of the plaintext on the wire', () => {
    const records = sealed(40_000);
    for (let at = 0; at < records.length; at += 64) expect(applicationRun(records.subarray(at, at + 80))).toBeNull();
  });

  it('catch one changed byte anywhere in a record: a bad_record_mac alert, the connection aborted, nothing of it delivered', () => {
    for (const at of [7, 5 + 16384 + 3, 5 + 16384 + 16 + 5 + 100]) {
      const records = sealed(40_000);
      records[at]! ^= 0x01;
      const r = open(records);
      expect(r.alerts).toHaveLength(1);
      expect(r.alerts[0]!.cause).toBe('bad-record-mac');
      expect(r.aborted).toBe(true);
      expect(r.got.reduce((n, b) => n + b.length, 0)).toBe(16384 * r.alerts[0]!.record);
    }
  });

  it('catch bytes that are not a record at all', () => {
    const r = open(Uint8Array.from('INJECTED BY THE ATTACKER', (c) => c.charCodeAt(0)));
    expect(r.alerts).toEqual([{ cause: 'bad-header', record: 0 }]);
  });
});
