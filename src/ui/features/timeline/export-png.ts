import { downloadBlob } from '../../lib/download.ts';

/** Saves canvases side by side as one PNG (what the user sees, at device resolution). */
export async function downloadCanvasPng(canvases: readonly (HTMLCanvasElement | null)[], fileName: string): Promise<void> {
  const parts = canvases.filter((c): c is HTMLCanvasElement => c !== null && c.width > 0);
  if (parts.length === 0) return;
  const out = document.createElement('canvas');
  out.width = parts.reduce((w, c) => w + c.width, 0);
  out.height = Math.max(...parts.map((c) => c.height));
  const ctx = out.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  let x = 0;
  for (const c of parts) {
    ctx.drawImage(c, x, 0);
    x += c.width;
  }
  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
  if (blob) downloadBlob(blob, fileName);
}
