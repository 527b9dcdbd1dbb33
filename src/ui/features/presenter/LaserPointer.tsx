import { useEffect, useRef, useState } from 'react';
import { addPoint, drawTrail, pruneTrail, type TrailPoint } from './laser-trail.ts';

const RADIUS = 7;

/** The canvas's 2D context, or null where there is none (jsdom). */
function context(canvas: HTMLCanvasElement | null): CanvasRenderingContext2D | null {
  try {
    return canvas?.getContext('2d') ?? null;
  } catch {
    return null;
  }
}

/**
 * A red dot that follows the pointer, with a short fading trail, over the
 * whole presenter screen. It takes no pointer events: clicks, drags and
 * hovers reach the views below as before.
 */
export function LaserPointer() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    let trail: TrailPoint[] = [];
    let frame = 0;
    const resize = () => {
      if (!canvas) return;
      const dpr = window.devicePixelRatio || 1;
      canvas.width = Math.round(window.innerWidth * dpr);
      canvas.height = Math.round(window.innerHeight * dpr);
    };
    const paint = () => {
      frame = 0;
      const now = performance.now();
      trail = pruneTrail(trail, now);
      const ctx = context(canvas);
      if (ctx && canvas) {
        const dpr = window.devicePixelRatio || 1;
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        drawTrail(ctx, trail, now, RADIUS);
      }
      if (trail.length > 0) frame = requestAnimationFrame(paint);
    };
    const onMove = (e: PointerEvent) => {
      trail = addPoint(trail, { x: e.clientX, y: e.clientY, t: performance.now() });
      setAt({ x: e.clientX, y: e.clientY });
      if (!frame) frame = requestAnimationFrame(paint);
    };
    const onLeave = (e: PointerEvent) => {
      if (e.relatedTarget === null) setAt(null);
    };
    resize();
    window.addEventListener('resize', resize);
    window.addEventListener('pointermove', onMove, { passive: true });
    document.documentElement.addEventListener('pointerleave', onLeave);
    return () => {
      if (frame) cancelAnimationFrame(frame);
      window.removeEventListener('resize', resize);
      window.removeEventListener('pointermove', onMove);
      document.documentElement.removeEventListener('pointerleave', onLeave);
    };
  }, []);
  return (
    <div className="laser" aria-hidden="true" data-testid="laser">
      <canvas ref={canvasRef} className="laser__trail" />
      {at && <div className="laser__dot" data-testid="laser-dot" style={{ transform: `translate(${at.x - RADIUS}px, ${at.y - RADIUS}px)` }} />}
    </div>
  );
}
