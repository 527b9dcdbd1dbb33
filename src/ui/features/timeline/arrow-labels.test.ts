import { describe, expect, it } from 'vitest';
import { buildTimeline, builtinScenario, inFrameOrder, MARK, runScenario, type TimelineData } from '../../../engine/index.ts';
import { arrowLabel, labelRank } from './arrow-labels.ts';
import { timelineSvg } from './export-svg.ts';
import { NO_FILTER } from './ladder-model.ts';
import type { LadderScene } from './draw-ladder.ts';

function one(marks: number, dsn = Number.NaN, dataLength = 0): TimelineData {
  return { marks: Uint16Array.of(marks), dsn: Float64Array.of(dsn), dataLength: Uint32Array.of(dataLength) } as unknown as TimelineData;
}

describe('arrow labels', () => {
  it('name the flags and the MPTCP option, as a flow graph does', () => {
    expect(arrowLabel(one(MARK.SYN | MARK.MP_CAPABLE), 0)).toBe('SYN MP_CAPABLE');
    expect(arrowLabel(one(MARK.SYN | MARK.MP_JOIN), 0)).toBe('SYN MP_JOIN');
    expect(arrowLabel(one(MARK.ADD_ADDR | MARK.DATA_ACK), 0)).toBe('ADD_ADDR');
    expect(arrowLabel(one(MARK.PAYLOAD | MARK.DSS_MAP | MARK.DATA_ACK, 14240, 1424), 0)).toBe('DSN 14.2k');
    expect(arrowLabel(one(MARK.PAYLOAD | MARK.DSS_MAP, 950, 50), 0)).toBe('DSN 950');
    expect(arrowLabel(one(MARK.PAYLOAD | MARK.DSS_MAP, 1_350_000, 1424), 0)).toBe('DSN 1.35M');
    expect(arrowLabel(one(MARK.DATA_ACK), 0)).toBe('ACK');
    expect(arrowLabel(one(0), 0)).toBe('ACK');
    expect(arrowLabel(one(MARK.RST | MARK.MP_TCPRST), 0)).toBe('RST MP_TCPRST');
  });

  const s = builtinScenario('attack-add-addr-hijack-v0')!;
  const r = runScenario(s, { trace: 'full', packetJson: false });
  const t = buildTimeline(s, inFrameOrder(r.handle.records), [], r.endUs);
  const theme = { text: '#000', muted: '#666', border: '#ccc', panel: '#fff', bg: '#fff', accent: '#00f', font: '11px sans-serif' };
  const svgOf = (t0: number, t1: number, failures: LadderScene['failures'] = []) =>
    timelineSvg({ t, width: 1200, height: 400, gutter: 190, layout: { top: 26, height: 370, count: t.lanes.length }, t0, t1, flight: 10, filter: NO_FILTER, nowUs: r.endUs, selected: null, failures, windows: [], theme }, null, (text) => text.length * 6);

  it('give the room to handshakes and signals first, then data, then plain ACKs', () => {
    expect(labelRank(one(MARK.SYN | MARK.MP_JOIN), 0)).toBe(0);
    expect(labelRank(one(MARK.ADD_ADDR | MARK.DATA_ACK), 0)).toBe(0);
    expect(labelRank(one(MARK.PAYLOAD | MARK.DSS_MAP, 1, 1), 0)).toBe(1);
    expect(labelRank(one(MARK.DATA_ACK), 0)).toBe(2);
  });

  it('zoomed in on the handshake, the arrows say what they carry; zoomed out over the whole run, they are left bare', () => {
    expect(svgOf(0, 45_000)).toContain('>SYN MP_CAPABLE<');
    expect(svgOf(0, r.endUs)).not.toContain('MP_CAPABLE<');
  });

  it('a failure line says what failed', () => {
    expect(svgOf(0, r.endUs, [{ timeUs: 150_000, name: 'Man in the middle' }])).toContain('>Man in the middle<');
  });
});
