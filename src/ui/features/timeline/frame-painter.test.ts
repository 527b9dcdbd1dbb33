import { describe, expect, it } from 'vitest';
import { createPainter } from './frame-painter.ts';

/** A hand-cranked animation-frame clock. */
function frames() {
  let next = 1;
  const queue = new Map<number, FrameRequestCallback>();
  return {
    raf: (cb: FrameRequestCallback) => {
      queue.set(next, cb);
      return next++;
    },
    caf: (h: number) => void queue.delete(h),
    pending: () => queue.size,
    /** Runs the callbacks queued before this frame (those they queue wait for the next). */
    frame(now = 0) {
      const due = [...queue];
      queue.clear();
      for (const [, cb] of due) cb(now);
    },
  };
}

describe('the frame painter', () => {
  it('paints once a frame however many requests come before it', () => {
    const clock = frames();
    let paints = 0;
    const p = createPainter(() => paints++, clock.raf, clock.caf);
    p.request();
    p.request();
    p.request();
    expect(clock.pending()).toBe(1);
    clock.frame();
    expect(paints).toBe(1);
    clock.frame();
    expect(paints).toBe(1);
  });

  it('paints every frame while something asks every frame before the paint (the playback clock), never starving', () => {
    const clock = frames();
    let paints = 0;
    const p = createPainter(() => paints++, clock.raf, clock.caf);
    // The playback clock's frame callback is queued first each frame and asks for a paint, as a store tick does.
    const tick = () => {
      p.request();
      clock.raf(tick);
    };
    clock.raf(tick);
    for (let i = 0; i < 10; i++) clock.frame(i * 16);
    expect(paints).toBe(9);
  });

  it('after dispose, drops the pending paint and ignores requests', () => {
    const clock = frames();
    let paints = 0;
    const p = createPainter(() => paints++, clock.raf, clock.caf);
    p.request();
    p.dispose();
    expect(clock.pending()).toBe(0);
    p.request();
    clock.frame();
    expect(paints).toBe(0);
  });
});
