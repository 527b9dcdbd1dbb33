import { describe, expect, it } from 'vitest';
import { HOSTILE, RAW_UNSAFE } from '../testing/hostile-strings.ts';
import { SvgContext } from './svg-context.ts';

describe('SvgContext', () => {
  it('turns canvas calls into SVG elements with the same geometry, colours, alpha and dashes', () => {
    const ctx = new SvgContext(100, 50);
    ctx.strokeStyle = '#0072B2';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(1, 2);
    ctx.lineTo(30.456, 40);
    ctx.stroke();
    ctx.fillStyle = '#D55E0080';
    ctx.fillRect(5, 5, 10, 10);
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(0, 0);
    ctx.lineTo(0, 50);
    ctx.stroke();
    ctx.textAlign = 'center';
    ctx.fillStyle = '#111111';
    ctx.fillText('0 ms <x>', 50, 10);
    const svg = ctx.toSvg('#ffffff');
    expect(svg).toContain('<path d="M1 2L30.46 40" fill="none" stroke="#0072B2" stroke-width="2"/>');
    expect(svg).toContain('<rect x="5" y="5" width="10" height="10" fill="#D55E00" fill-opacity="0.5" stroke-opacity="0.5"/>');
    expect(svg).toContain('stroke-dasharray="4 3"');
    expect(svg).toContain('text-anchor="middle"');
    expect(svg).toContain('>0 ms &lt;x&gt;</text>');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"')).toBe(true);
  });

  it('writes any label as text of one <text> element in a well-formed document (escaped markup, forbidden characters made visible)', () => {
    const ctx = new SvgContext(100, 50);
    const labels = Object.values(HOSTILE);
    for (const label of labels) ctx.fillText(label, 1, 2);
    const svg = ctx.toSvg('#ffffff');
    expect(svg).not.toMatch(RAW_UNSAFE);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const texts = [...doc.documentElement.children].filter((e) => e.tagName === 'text');
    expect(doc.documentElement.children).toHaveLength(1 + labels.length);
    expect(texts.map((t) => t.textContent)).toEqual(labels.map((l) => l.replace(new RegExp(RAW_UNSAFE.source, 'g'), '\uFFFD').replace(/\r\n?/g, '\n')));
    expect(doc.querySelector('script, [onerror], [onload]')).toBeNull();
  });
});

