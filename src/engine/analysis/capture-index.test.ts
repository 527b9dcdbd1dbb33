import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeCaptureIndexed, startIndexedCaptureAnalysis } from './analyze-capture.ts';

const sample = () => new Uint8Array(readFileSync(new URL('../../../fixtures/captures/v1-two-subflows-add-addr.pcap', import.meta.url)));

describe('the capture index', () => {
  it('indexes at most maxFrames frames and counts the rest; the report and the ladder cover the capture as capped', () => {
    const full = analyzeCaptureIndexed(sample());
    const a = startIndexedCaptureAnalysis({ maxFrames: 5, maxLadderFrames: 7 });
    a.push(sample());
    expect(a.frames).toBe(full.index.size);
    const capped = a.end();
    expect(capped.index.size).toBe(5);
    expect(capped.index.seen).toBe(full.index.size);
    expect(capped.report.packets).toBe(full.report.packets);
    expect(capped.run!.timeline.count).toBe(7);
    expect(capped.index.rows(0, 100, sample()).map((r) => r.frame)).toEqual([1, 2, 3, 4, 5]);
    expect(capped.index.dissect(6, sample())).toBeNull();
  });

  it('reads rows and dissections from a slice of the file that starts at a given offset', () => {
    const file = sample();
    const { index } = analyzeCaptureIndexed(file);
    const first = index.frameSpan(3)!;
    const last = index.frameSpan(5)!;
    const slice = file.slice(first.offset, last.offset + last.length);
    expect(index.rows(2, 3, slice, first.offset)).toEqual(index.rows(2, 3, file));
    expect(index.dissect(4, slice, first.offset)).toEqual(index.dissect(4, file));
    expect(index.frameSpan(0)).toBeNull();
  });
});
