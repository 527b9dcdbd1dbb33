import { describe, expect, it } from 'vitest';
import { buildTimeline, builtinScenario, inFrameOrder, runScenario } from '../../../engine/index.ts';
import { SUBFLOW_COLOURS, SUBFLOW_DASHES, subflowColour, subflowDash } from '../../lib/palette.ts';
import { timelineSvg } from './export-svg.ts';
import { NO_FILTER } from './ladder-model.ts';
import type { LadderScene } from './draw-ladder.ts';

describe('subflows differ by more than colour', () => {
  it('each of the eight subflow styles has its own dash pattern, the first solid', () => {
    expect(SUBFLOW_DASHES).toHaveLength(SUBFLOW_COLOURS.length);
    expect(new Set(SUBFLOW_DASHES.map((d) => d.join(' '))).size).toBe(SUBFLOW_DASHES.length);
    expect(subflowDash(0)).toEqual([]);
    expect(subflowDash(-1)).toEqual([]);
  });

  it('the ladder draws the second subflow\'s arrows dashed in its colour, the first solid (seen in the SVG export, drawn by the same code)', () => {
    const s = builtinScenario('two-path-v1')!;
    const r = runScenario(s, { trace: 'full', packetJson: false });
    const t = buildTimeline(s, inFrameOrder(r.handle.records), [], r.endUs);
    expect(t.subflows.length).toBe(2);
    const theme = { text: '#000', muted: '#666', border: '#ccc', panel: '#fff', bg: '#fff', accent: '#00f', font: 'sans-serif' };
    const scene: LadderScene = { t, width: 1200, height: 400, gutter: 190, layout: { top: 26, height: 370, count: t.lanes.length }, t0: 0, t1: r.endUs, flight: 10, filter: NO_FILTER, nowUs: r.endUs, selected: null, failures: [], windows: [], theme };
    const svg = timelineSvg(scene, null, (text) => text.length * 6);
    // Every stroked path of the drawing, with its colour and dash pattern.
    const paths = [...svg.matchAll(/<path [^>]*fill="none"[^>]*\/>/g)].map((m) => ({ stroke: /stroke="([^"]+)"/.exec(m[0])![1]!, dash: /stroke-dasharray="([^"]+)"/.exec(m[0])?.[1] ?? null }));
    const strokes = (colour: string) => paths.filter((p) => p.stroke.toLowerCase() === colour.toLowerCase());
    const second = strokes(subflowColour(1));
    expect(second.length).toBeGreaterThan(0);
    expect(second.every((p) => p.dash === subflowDash(1).join(' '))).toBe(true);
    const first = strokes(subflowColour(0));
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((p) => p.dash === null)).toBe(true);
  });
});
