/**
 * While a run plays only the moment moves: what has been sent turns solid,
 * what has not stays faint. So the still scene is drawn twice, off screen,
 * once all solid (every packet sent) and once all faint (none sent yet), and
 * a frame shows the solid picture left of the moment and the faint one right
 * of it: two image copies instead of a redraw of every arrow. The pictures
 * are made on the second paint in a row of the same still scene, so a zoom
 * or a pan (a new scene every paint) keeps drawing directly, as before.
 */
export class PlayLayers {
  private solid: HTMLCanvasElement | null = null;
  private faint: HTMLCanvasElement | null = null;
  private ready = false;
  private w = 0;
  private h = 0;
  private dpr = 0;

  /**
   * Whether this paint can be composed from the layers: `same` says the still
   * scene is the one last painted; `draw` draws it with the moment given
   * (+Infinity: all sent, -Infinity: none) when the layers must be made.
   */
  use(same: boolean, width: number, height: number, dpr: number, draw: (ctx: CanvasRenderingContext2D, nowUs: number) => void): boolean {
    const sized = width === this.w && height === this.h && dpr === this.dpr;
    if (!same || !sized) {
      this.ready = false;
      this.w = width;
      this.h = height;
      this.dpr = dpr;
      return false;
    }
    if (this.ready) return true;
    this.solid = layer(this.solid, width, height, dpr);
    this.faint = layer(this.faint, width, height, dpr);
    const a = context(this.solid, dpr);
    const b = context(this.faint, dpr);
    if (!a || !b) return false;
    draw(a, Number.POSITIVE_INFINITY);
    draw(b, Number.NEGATIVE_INFINITY);
    this.ready = true;
    return true;
  }

  /** The solid picture left of `split` (CSS px), the faint one right of it. */
  compose(ctx: CanvasRenderingContext2D, split: number): void {
    const { w, h, dpr, solid, faint } = this;
    if (!solid || !faint) return;
    // On a device pixel, so the seam does not blur.
    const at = Math.max(0, Math.min(w, Math.round(split * dpr) / dpr));
    ctx.clearRect(0, 0, w, h);
    if (at > 0) ctx.drawImage(solid, 0, 0, at * dpr, h * dpr, 0, 0, at, h);
    if (at < w) ctx.drawImage(faint, at * dpr, 0, (w - at) * dpr, h * dpr, at, 0, w - at, h);
  }
}

function layer(canvas: HTMLCanvasElement | null, width: number, height: number, dpr: number): HTMLCanvasElement {
  const c = canvas ?? document.createElement('canvas');
  c.width = Math.round(width * dpr);
  c.height = Math.round(height * dpr);
  return c;
}

function context(canvas: HTMLCanvasElement, dpr: number): CanvasRenderingContext2D | null {
  let ctx: CanvasRenderingContext2D | null;
  try {
    ctx = canvas.getContext('2d');
  } catch {
    return null;
  }
  ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}
