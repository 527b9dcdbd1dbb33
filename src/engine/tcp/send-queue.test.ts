import { describe, expect, it } from 'vitest';
import { SendQueue } from './send-queue.ts';

function queueOf(n: number, len = 100): SendQueue {
  const q = new SendQueue();
  for (let i = 0; i < n; i++) {
    const c = q.push({ seq: 1000 + i * len, len, fin: false, fill: () => {}, meta: null, sentAtUs: 0, transmissions: 0 });
    c.transmissions = 1;
    q.markSent(c);
  }
  return q;
}

describe('SendQueue (RFC 6675 scoreboard)', () => {
  it('a chunk is lost once three SACKed chunks lie above it (DupThresh)', () => {
    const q = queueOf(6);
    q.applySack([{ left: 1100, right: 1300 }], 1000);
    expect(q.firstIsLost()).toBe(false);
    q.applySack([{ left: 1100, right: 1400 }], 1000);
    expect(q.firstIsLost()).toBe(true);
    expect(q.sackedBytes).toBe(300);
    expect(q.lostBytes).toBe(100);
    expect(q.nextLost()?.seq).toBe(1000);
  });

  it('retransmitting a lost chunk puts it back in the pipe; a cumulative ACK clears the counts', () => {
    const q = queueOf(6);
    q.applySack([{ left: 1100, right: 1400 }], 1000);
    const lost = q.nextLost()!;
    lost.transmissions++;
    q.markSent(lost);
    expect(q.lostBytes).toBe(0);
    expect(q.nextLost()).toBeUndefined();
    const done = q.release(1400);
    expect(done.map((c) => c.seq)).toEqual([1000, 1100, 1200, 1300]);
    expect([q.sackedBytes, q.lostBytes]).toEqual([0, 0]);
  });

  it('a timeout marks everything outstanding and not SACKed lost', () => {
    const q = queueOf(5);
    q.applySack([{ left: 1200, right: 1300 }], 1000);
    q.markAllLost();
    expect(q.lostBytes).toBe(400);
    const order: number[] = [];
    for (let c = q.nextLost(); c; c = q.nextLost()) {
      order.push(c.seq);
      c.transmissions++;
      q.markSent(c);
    }
    expect(order).toEqual([1000, 1100, 1300, 1400]);
  });

  it('ignores SACK blocks below SND.UNA and nonsense blocks', () => {
    const q = queueOf(4);
    expect(q.applySack([{ left: 500, right: 1000 }, { left: 1300, right: 1200 }], 1000)).toBe(false);
    expect(q.sackedBytes).toBe(0);
  });
});
