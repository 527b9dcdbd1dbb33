/**
 * Just enough of CanvasRenderingContext2D to replay the timeline's drawing
 * code into SVG: paths, rectangles, text, dashes, alpha, one clip. The SVG
 * export is then the very picture on screen, not a second drawing of it.
 */
import { xmlText } from './export-text.ts';

type Seg = string;

interface State {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  dash: number[];
  clip: string | null;
}

// Labels come from the scenario: escaped for XML, and characters XML forbids made visible (export-text.ts).
const esc = xmlText;
const n = (v: number) => (Math.round(v * 100) / 100).toString();

/** A colour as SVG paint plus opacity ("#rrggbbaa" is split, since not every SVG reader takes it). */
function paint(colour: string, alpha: number): string {
  let c = colour;
  let a = alpha;
  const m = /^#([0-9a-f]{6})([0-9a-f]{2})$/i.exec(colour);
  if (m) {
    c = `#${m[1]}`;
    a *= parseInt(m[2]!, 16) / 255;
  }
  return a < 1 ? `${c}" fill-opacity="${n(a)}" stroke-opacity="${n(a)}` : c;
}

export class SvgContext {
  private readonly out: string[] = [];
  private path: Seg[] = [];
  private state: State = { fillStyle: '#000', strokeStyle: '#000', lineWidth: 1, globalAlpha: 1, font: '11px sans-serif', textAlign: 'start', textBaseline: 'alphabetic', dash: [], clip: null };
  private readonly stack: State[] = [];
  private clips = 0;

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly measure: (text: string, font: string) => number = (t) => t.length * 6,
  ) {}

  get fillStyle(): string {
    return this.state.fillStyle;
  }
  set fillStyle(v: string) {
    this.state.fillStyle = v;
  }
  get strokeStyle(): string {
    return this.state.strokeStyle;
  }
  set strokeStyle(v: string) {
    this.state.strokeStyle = v;
  }
  set lineWidth(v: number) {
    this.state.lineWidth = v;
  }
  set globalAlpha(v: number) {
    this.state.globalAlpha = v;
  }
  set font(v: string) {
    this.state.font = v;
  }
  set textAlign(v: CanvasTextAlign) {
    this.state.textAlign = v;
  }
  set textBaseline(v: CanvasTextBaseline) {
    this.state.textBaseline = v;
  }
  setLineDash(d: number[]): void {
    this.state.dash = [...d];
  }
  save(): void {
    this.stack.push({ ...this.state, dash: [...this.state.dash] });
  }
  restore(): void {
    this.state = this.stack.pop() ?? this.state;
  }
  beginPath(): void {
    this.path = [];
  }
  moveTo(x: number, y: number): void {
    this.path.push(`M${n(x)} ${n(y)}`);
  }
  lineTo(x: number, y: number): void {
    this.path.push(`L${n(x)} ${n(y)}`);
  }
  closePath(): void {
    this.path.push('Z');
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.path.push(`M${n(x)} ${n(y)}h${n(w)}v${n(h)}h${n(-w)}Z`);
  }
  arc(x: number, y: number, r: number): void {
    // Whole circles only (what the timeline draws).
    this.path.push(`M${n(x - r)} ${n(y)}a${n(r)} ${n(r)} 0 1 0 ${n(2 * r)} 0a${n(r)} ${n(r)} 0 1 0 ${n(-2 * r)} 0`);
  }
  clip(): void {
    const id = `clip${++this.clips}`;
    this.out.push(`<clipPath id="${id}"><path d="${this.path.join('')}"/></clipPath>`);
    this.state.clip = id;
  }
  private attrs(): string {
    return this.state.clip ? ` clip-path="url(#${this.state.clip})"` : '';
  }
  stroke(): void {
    if (this.path.length === 0) return;
    const dash = this.state.dash.length ? ` stroke-dasharray="${this.state.dash.join(' ')}"` : '';
    this.out.push(`<path d="${this.path.join('')}" fill="none" stroke="${paint(this.state.strokeStyle, this.state.globalAlpha)}" stroke-width="${n(this.state.lineWidth)}"${dash}${this.attrs()}/>`);
  }
  fill(): void {
    if (this.path.length === 0) return;
    this.out.push(`<path d="${this.path.join('')}" fill="${paint(this.state.fillStyle, this.state.globalAlpha)}"${this.attrs()}/>`);
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    this.out.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${paint(this.state.fillStyle, this.state.globalAlpha)}"${this.attrs()}/>`);
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    this.out.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="none" stroke="${paint(this.state.strokeStyle, this.state.globalAlpha)}" stroke-width="${n(this.state.lineWidth)}"${this.attrs()}/>`);
  }
  clearRect(): void {
    // The SVG starts empty; a clear of the whole canvas needs no element.
  }
  fillText(text: string, x: number, y: number): void {
    const anchor = this.state.textAlign === 'center' ? 'middle' : this.state.textAlign === 'right' || this.state.textAlign === 'end' ? 'end' : 'start';
    const baseline = this.state.textBaseline === 'middle' ? 'central' : 'auto';
    this.out.push(`<text x="${n(x)}" y="${n(y)}" text-anchor="${anchor}" dominant-baseline="${baseline}" style="font:${esc(this.state.font)}" fill="${paint(this.state.fillStyle, this.state.globalAlpha)}"${this.attrs()}>${esc(text)}</text>`);
  }
  measureText(text: string): { width: number } {
    return { width: this.measure(text, this.state.font) };
  }

  /** The drawing's elements (to place it inside a larger SVG). */
  inner(): string {
    return this.out.join('');
  }

  /** The drawing as a standalone SVG document. */
  toSvg(background: string): string {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}" viewBox="0 0 ${this.width} ${this.height}"><rect width="100%" height="100%" fill="${background}"/>${this.inner()}</svg>\n`;
  }
}
