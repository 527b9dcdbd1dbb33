/**
 * The Node side of `tun_bridge.py`: one Python process per network
 * namespace owns that namespace's TUN devices and relays their packets over
 * its stdin and stdout in frames (device index, length, bytes).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { liveScript } from './live-files.ts';

const READY = 255;
/** Frames waiting to be parsed are capped: a stuck reader must not grow memory without bound. */
const MAX_PENDING_BYTES = 16 << 20;

export interface TunBridge {
  /** Resolves once every device exists. */
  readonly ready: Promise<void>;
  write(device: number, packet: Uint8Array): void;
  /** Ends the bridge (its devices go with it) and waits for it to exit. */
  close(): Promise<void>;
  /** What the bridge wrote on stderr (device errors), for the run's log. */
  readonly log: string[];
}

export function startTunBridge(ns: string, devices: readonly string[], onPacket: (device: number, packet: Uint8Array) => void): TunBridge {
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn('ip', ['netns', 'exec', ns, 'python3', liveScript('tun_bridge.py'), ...devices], { stdio: ['pipe', 'pipe', 'pipe'] });
  const log: string[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let readyResolve!: () => void;
  let readyReject!: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => ((readyResolve = res), (readyReject = rej)));
  const exited = new Promise<void>((res) => child.once('close', () => res()));
  child.once('error', (e) => readyReject(new Error(`could not start the TUN bridge in namespace ${ns}: ${e.message}`)));
  child.once('close', (code) => readyReject(new Error(`the TUN bridge in namespace ${ns} exited (${code}) before its devices were ready: ${log.join(' ').slice(0, 500)}`)));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (t: string) => {
    if (log.length < 200) log.push(t.trim());
  });
  child.stdin.on('error', () => {}); // the bridge may exit first at the end of a run
  child.stdout.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    if (pending.length > MAX_PENDING_BYTES) {
      log.push(`more than ${MAX_PENDING_BYTES} bytes of frames pending: dropped`);
      pending = Buffer.alloc(0);
      return;
    }
    let at = 0;
    while (pending.length - at >= 3) {
      const device = pending[at]!;
      const length = pending.readUInt16BE(at + 1);
      if (pending.length - at < 3 + length) break;
      if (device === READY) readyResolve();
      else onPacket(device, new Uint8Array(pending.subarray(at + 3, at + 3 + length)));
      at += 3 + length;
    }
    pending = pending.subarray(at);
  });
  return {
    ready,
    log,
    write(device, packet) {
      if (child.stdin.destroyed) return;
      const head = Buffer.alloc(3);
      head[0] = device;
      head.writeUInt16BE(packet.length, 1);
      child.stdin.write(Buffer.concat([head, packet]));
    },
    async close() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
