/** The timeline and the data-sequence chart as one SVG: their drawing code replayed into SvgContext. */
import { SvgContext } from '../../lib/svg-context.ts';
import { drawDsn, type DsnScene } from './draw-dsn.ts';
import { drawLadder, type LadderScene } from './draw-ladder.ts';

export function timelineSvg(ladder: LadderScene, dsn: DsnScene | null, measure: (text: string, font: string) => number): string {
  const a = new SvgContext(ladder.width, ladder.height, measure);
  drawLadder(a as unknown as CanvasRenderingContext2D, ladder);
  const width = ladder.width + (dsn?.width ?? 0);
  const height = Math.max(ladder.height, dsn?.height ?? 0);
  let right = '';
  if (dsn) {
    const b = new SvgContext(dsn.width, dsn.height, measure);
    drawDsn(b as unknown as CanvasRenderingContext2D, dsn);
    right = `<g transform="translate(${ladder.width},0)">${b.inner()}</g>`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="${ladder.theme.bg}"/>${a.inner()}${right}</svg>\n`;
}

/** Text widths as the page's canvas measures them, so labels are cut where they are on screen. */
export function canvasMeasure(): (text: string, font: string) => number {
  const ctx = document.createElement('canvas').getContext('2d');
  return (text, font) => {
    if (!ctx) return text.length * 6;
    ctx.font = font;
    return ctx.measureText(text).width;
  };
}
