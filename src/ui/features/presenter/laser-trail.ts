/** The laser pointer's trail: the pointer's recent positions, fading out over TRAIL_MS. */
export interface TrailPoint {
  x: number;
  y: number;
  /** When the pointer was there (ms, any monotonic clock). */
  t: number;
}

export const TRAIL_MS = 400;
/** At most this many points are kept (a fast pointer on a fast screen sends many). */
export const TRAIL_MAX = 48;

/** The points still young enough to draw at `now`, oldest first. */
export function pruneTrail(trail: readonly TrailPoint[], now: number): TrailPoint[] {
  const young = trail.filter((p) => now - p.t < TRAIL_MS);
  return young.length > TRAIL_MAX ? young.slice(young.length - TRAIL_MAX) : young;
}

/** The trail with the pointer's new position added. */
export function addPoint(trail: readonly TrailPoint[], p: TrailPoint): TrailPoint[] {
  return pruneTrail([...trail, p], p.t);
}

/** How opaque a point of the trail is at `now`: 1 when new, 0 at TRAIL_MS. */
export function trailAlpha(p: TrailPoint, now: number): number {
  return Math.max(0, Math.min(1, 1 - (now - p.t) / TRAIL_MS));
}

/** Draws the trail as segments that thin and fade with age (the dot itself is an element above it). */
export function drawTrail(ctx: CanvasRenderingContext2D, trail: readonly TrailPoint[], now: number, radius: number): void {
  for (let i = 1; i < trail.length; i++) {
    const a = trail[i - 1]!;
    const b = trail[i]!;
    const alpha = trailAlpha(b, now);
    if (alpha <= 0) continue;
    ctx.strokeStyle = `rgb(255 30 30 / ${(0.75 * alpha).toFixed(3)})`;
    ctx.lineWidth = Math.max(1, 2 * radius * alpha);
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }
}
