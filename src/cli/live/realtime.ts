/**
 * The real-time driver: the engine's simulator paced by the wall clock.
 * The engine never reads a clock (DESIGN.md §4); this loop does, and only
 * here: it advances the simulation to "now", hands in the packets the real
 * hosts sent since, and sleeps until the engine's next event or the next
 * packet, whichever comes first.
 */
import type { LiveSession } from '../../engine/index.ts';

/** CLOCK_MONOTONIC in µs: the clock the Linux applications stamp their reports with. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/** The longest the loop sleeps without looking at its inbox and its stop condition. */
const MAX_SLEEP_MS = 20;

export interface RealtimeInbox {
  /** Queues a packet from a real host; wakes the loop. */
  push(host: string, iface: number, bytes: Uint8Array): void;
}

export interface RealtimeOptions {
  /** The run's time zero, on `monotonicUs` (with `holdUntilPacketAtUs`, moved when the first packet comes). */
  t0Us: number;
  /**
   * The run's clock stands still until a real host sends its first packet,
   * which then happens at this run time: a real client's connection opens
   * when the scenario says, not when its process got round to it (Python
   * starts in tens of milliseconds, which would push a timed attack past
   * its moment).
   */
  holdUntilPacketAtUs?: number;
  /** Called once when the run's clock starts (at once, or at the first packet when holding). */
  onStart?: (t0Us: number) => void;
  /** Stop once this holds (checked after every step). */
  done(): boolean;
  /** Stop at this run time, whatever else. */
  deadlineUs: number;
  /** Stop now (Ctrl-C): the run so far is reported, and everything it made is removed. */
  signal?: AbortSignal;
}

export interface RealtimeStats {
  /** Packets the real hosts sent that were handed to the engine. */
  injected: number;
  /** What the real hosts sent that is not TCP over IP (neighbour discovery, say): left out of the run. */
  ignored: number;
  /** How far, at most, the loop ran behind an event's time (µs). */
  worstLagUs: number;
  /** 'done', 'deadline', or 'user' (stopped through the signal). */
  ended: 'done' | 'deadline' | 'user';
}

/** Only TCP reaches the engine: IPv4 protocol 6, or IPv6 next header 6. */
export function isTcp(bytes: Uint8Array): boolean {
  const v = bytes[0]! >> 4;
  if (v === 4) return bytes.length >= 20 && bytes[9] === 6;
  if (v === 6) return bytes.length >= 40 && bytes[6] === 6;
  return false;
}

export function createRealtime(session: LiveSession, options: RealtimeOptions): { inbox: RealtimeInbox; run(): Promise<RealtimeStats>; readonly t0Us: number } {
  const queue: { host: string; iface: number; bytes: Uint8Array }[] = [];
  let wake: (() => void) | null = null;
  const stats: RealtimeStats = { injected: 0, ignored: 0, worstLagUs: 0, ended: 'done' };
  const started = monotonicUs();
  let t0Us = options.t0Us;
  let holding = options.holdUntilPacketAtUs !== undefined;
  const now = () => (holding ? 0 : monotonicUs() - t0Us);
  const inbox: RealtimeInbox = {
    push(host, iface, bytes) {
      if (!isTcp(bytes)) {
        stats.ignored++;
        return;
      }
      if (holding) {
        holding = false;
        t0Us = monotonicUs() - options.holdUntilPacketAtUs!;
        options.onStart?.(t0Us);
      }
      queue.push({ host, iface, bytes });
      wake?.();
    },
  };
  async function run(): Promise<RealtimeStats> {
    options.signal?.addEventListener('abort', () => wake?.());
    if (!holding) options.onStart?.(t0Us);
    for (;;) {
      const t = now();
      const due = session.nextDueUs();
      if (due < t) stats.worstLagUs = Math.max(stats.worstLagUs, t - due);
      session.advanceTo(t);
      while (queue.length) {
        const p = queue.shift()!;
        session.fromOutside(p.host, p.iface, p.bytes);
        stats.injected++;
      }
      session.advanceTo(t);
      if (options.done()) return stats;
      if (options.signal?.aborted) {
        stats.ended = 'user';
        return stats;
      }
      if (t >= options.deadlineUs || (holding && monotonicUs() - started >= options.deadlineUs)) {
        stats.ended = 'deadline';
        return stats;
      }
      const next = Math.min(session.nextDueUs(), options.deadlineUs);
      const sleepMs = Math.max(0, Math.min(MAX_SLEEP_MS, (next - now()) / 1000));
      if (queue.length === 0 && sleepMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => ((wake = null), resolve()), sleepMs);
          wake = () => {
            clearTimeout(timer);
            wake = null;
            resolve();
          };
        });
      } else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return {
    inbox,
    run,
    get t0Us() {
      return t0Us;
    },
  };
}
