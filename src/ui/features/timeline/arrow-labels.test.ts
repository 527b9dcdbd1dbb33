import { describe, expect, it } from 'vitest';
import { buildTimeline, builtinScenario, inFrameOrder, MARK, runScenario, type TimelineData } from '../../../engine/index.ts';
import { arrowLabel, labelDetail, labelRank, optionDetail } from './arrow-labels.ts';
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

  it('say more as fewer arrows share the view: the option\'s fields and length, then sequence numbers', () => {
    expect([labelDetail(400), labelDetail(151), labelDetail(150), labelDetail(41), labelDetail(40), labelDetail(3)]).toEqual([0, 0, 1, 1, 2, 2]);
    const data = { ...one(MARK.PAYLOAD | MARK.DSS_MAP | MARK.DATA_ACK, 14240, 1424), payload: Uint16Array.of(1424), relSeq: Uint32Array.of(2849), relAck: Uint32Array.of(1) } as TimelineData;
    expect(arrowLabel(data, 0, 0)).toBe('DSN 14.2k');
    expect(arrowLabel(data, 0, 1)).toBe('DSN 14.2k len 1424');
    expect(arrowLabel(data, 0, 2)).toBe('DSN 14.2k len 1424 seq 2849 ack 1');
    const syn = { ...one(MARK.SYN | MARK.MP_CAPABLE), payload: Uint16Array.of(0), relSeq: Uint32Array.of(0), relAck: Uint32Array.of(0) } as TimelineData;
    const info = '33383 → 8080 [SYN] Seq=2847561 Win=65535 Len=0 · MP_CAPABLE v1 key';
    expect(arrowLabel(syn, 0, 0, info)).toBe('SYN MP_CAPABLE');
    expect(arrowLabel(syn, 0, 1, info)).toBe('SYN MP_CAPABLE v1 key');
    expect(arrowLabel(syn, 0, 2, info)).toBe('SYN MP_CAPABLE v1 key seq 0 ack 0');
    // Without the Info (not fetched yet), the numbers still come from the columns.
    expect(arrowLabel(syn, 0, 2)).toBe('SYN MP_CAPABLE seq 0 ack 0');
  });

  it('quote an option\'s fields from the Info text, with long hex cut short', () => {
    const info = '8080 → 33383 [ACK] Seq=1 Ack=1 Win=65535 Len=0 · DSS ack 1 · ADD_ADDR id 9 198.18.66.6';
    expect(optionDetail(info, 'ADD_ADDR')).toBe('id 9 198.18.66.6');
    expect(optionDetail('… · MP_JOIN hmac 1a2b3c4d5e6f7a8b id 0', 'MP_JOIN')).toBe('hmac 1a2b… id 0');
    expect(optionDetail('… · MP_JOIN token 53292bce id 0', 'MP_JOIN')).toBe('token 53292bce id 0');
    expect(optionDetail(info, 'MP_PRIO')).toBe('');
    const addAddr = { ...one(MARK.ADD_ADDR | MARK.DATA_ACK), payload: Uint16Array.of(0) } as TimelineData;
    expect(arrowLabel(addAddr, 0, 1, info)).toBe('ADD_ADDR id 9 198.18.66.6');
  });

  const s = builtinScenario('attack-add-addr-hijack-v0')!;
  const r = runScenario(s, { trace: 'full', packetJson: false });
  const t = buildTimeline(s, inFrameOrder(r.handle.records), [], r.endUs);
  const theme = { text: '#000', muted: '#666', border: '#ccc', panel: '#fff', bg: '#fff', accent: '#00f', font: '11px sans-serif' };
  const svgOf = (t0: number, t1: number, failures: LadderScene['failures'] = [], annotations?: LadderScene['annotations']) =>
    timelineSvg({ t, width: 1200, height: 400, gutter: 190, layout: { top: 26, height: 370, count: t.lanes.length }, t0, t1, flight: 10, filter: NO_FILTER, nowUs: r.endUs, selected: null, failures, annotations, windows: [], theme }, null, (text) => text.length * 6);

  it('give the room to handshakes and signals first, then data, then plain ACKs', () => {
    expect(labelRank(one(MARK.SYN | MARK.MP_JOIN), 0)).toBe(0);
    expect(labelRank(one(MARK.ADD_ADDR | MARK.DATA_ACK), 0)).toBe(0);
    expect(labelRank(one(MARK.PAYLOAD | MARK.DSS_MAP, 1, 1), 0)).toBe(1);
    expect(labelRank(one(MARK.DATA_ACK), 0)).toBe(2);
  });

  it('zoomed in on the handshake, the arrows say what they carry; zoomed out over the whole run, they are left bare', () => {
    const handshake = svgOf(0, 45_000);
    expect(handshake).toContain('>SYN MP_CAPABLE');
    // Few arrows in view: the numbers too, counted from the SYN.
    expect(handshake).toMatch(/>SYN MP_CAPABLE seq 0 ack 0</);
    expect(handshake).toMatch(/>DSN 4.27k len 1424 seq 4273 ack 1</);
    expect(svgOf(0, r.endUs)).not.toContain('MP_CAPABLE');
  });

  it('a failure line says what failed', () => {
    expect(svgOf(0, r.endUs, [{ timeUs: 150_000, name: 'Man in the middle' }])).toContain('>Man in the middle<');
  });

  it('the attack\'s key events are flagged in the exported SVG, naming the failure in place of its line\'s label', () => {
    const svg = svgOf(0, r.endUs, [{ timeUs: 150_000, name: 'Man in the middle' }], [
      { timeUs: 65_000, text: 'ADD_ADDR forged', kind: 'decision', frame: 68 },
      { timeUs: 150_000, text: 'MITM from 150.0 ms', kind: 'failure', frame: 500 },
    ]);
    expect(svg).toContain('>ADD_ADDR forged<');
    expect(svg).toContain('>MITM from 150.0 ms<');
    expect(svg).not.toContain('>Man in the middle<');
  });
});
