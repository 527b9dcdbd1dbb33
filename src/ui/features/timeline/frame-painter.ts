/**
 * One canvas repaint per animation frame, however often it is asked for.
 * A request schedules a frame only when none is pending, and a later request
 * never cancels it: re-renders and playback ticks all land in the same paint.
 * (Cancelling the pending frame on each request starves the canvas whenever
 * requests come once a frame, as the playback clock's do: issue 12.)
 */
export interface Painter {
  /** Paints at the next animation frame (once, however many requests come before it). */
  request(): void;
  /** Drops a pending paint; the painter paints no more. */
  dispose(): void;
}

export function createPainter(
  paint: () => void,
  raf: (cb: FrameRequestCallback) => number = (cb) => requestAnimationFrame(cb),
  caf: (handle: number) => void = (h) => cancelAnimationFrame(h),
): Painter {
  let pending: number | null = null;
  let disposed = false;
  const run = () => {
    pending = null;
    if (!disposed) paint();
  };
  return {
    request() {
      if (pending === null && !disposed) pending = raf(run);
    },
    dispose() {
      disposed = true;
      if (pending !== null) caf(pending);
      pending = null;
    },
  };
}
