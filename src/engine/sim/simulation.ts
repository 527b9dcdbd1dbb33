/**
 * The one driver (DESIGN.md §4): it owns time and the agenda, pops the next
 * event, runs it, and nothing else advances the clock. Nodes and links
 * schedule through it; hosts are woken for their timers through `wake`.
 */
import { Rng } from '../core/rng.ts';
import { EventQueue } from './event-queue.ts';
import { TraceRecorder, type TraceMode } from './trace.ts';

export type SimEvent = () => void;

export class Simulation {
  now = 0;
  readonly rng: Rng;
  readonly trace: TraceRecorder;
  /**
   * Ids of the packets attackers put on the wire, so hosts can note when
   * they take one in (ground truth for the monitors; hosts do not act on it).
   */
  readonly attackerPackets = new Set<number>();
  private readonly agenda = new EventQueue<SimEvent>();
  private nextPacketId = 1;
  eventsRun = 0;

  constructor(seed: number, mode: TraceMode = 'full') {
    this.rng = Rng.root(seed);
    this.trace = new TraceRecorder(mode);
  }

  /** Runs `fn` at time `at` (never in the past). */
  at(at: number, fn: SimEvent): void {
    this.agenda.push(Math.max(this.now, Math.round(at)), fn);
  }

  packetId(): number {
    return this.nextPacketId++;
  }

  /** Runs events until `untilUs`, or until `done()` holds, or until nothing is left. */
  run(untilUs: number, done: () => boolean = () => false): void {
    for (;;) {
      const t = this.agenda.peekTime();
      if (t > untilUs) {
        this.now = Math.max(this.now, untilUs);
        return;
      }
      const e = this.agenda.pop();
      if (!e) return;
      this.now = e.time;
      this.eventsRun++;
      e.item();
      if (done()) return;
    }
  }

  /** When the next event is due (Infinity when none is): a live driver sleeps until then. */
  nextEventUs(): number {
    return this.agenda.peekTime();
  }

  get pending(): number {
    return this.agenda.size;
  }
}
