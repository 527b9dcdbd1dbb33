import { describe, expect, it } from 'vitest';
import type { FailureView } from '../../../worker/capture-client.ts';
import { diffFailures, summarizeDiff } from './compare-diff.ts';

const failure = (id: string, name: string): FailureView => ({ id, name, stride: 'Spoofing', rfc: 'RFC 7430 §2', timeUs: 1000, mptcpSpecific: true, explanation: '', frames: [], amplification: null });
const hijack = failure('hijack', 'Connection hijack');
const mitm = failure('mitm', 'Man in the middle');
const dos = failure('join-dos', 'Join denial of service');
const eavesdrop = failure('eavesdrop-data', 'Data eavesdropped');

describe('diffFailures', () => {
  it('lists every failure of either run once, A first, with what B changes', () => {
    expect(diffFailures([hijack, mitm, eavesdrop, hijack], [eavesdrop, dos])).toEqual([
      { id: 'hijack', name: 'Connection hijack', inA: true, inB: false, verdict: 'only-a' },
      { id: 'mitm', name: 'Man in the middle', inA: true, inB: false, verdict: 'only-a' },
      { id: 'eavesdrop-data', name: 'Data eavesdropped', inA: true, inB: true, verdict: 'both' },
      { id: 'join-dos', name: 'Join denial of service', inA: false, inB: true, verdict: 'only-b' },
    ]);
  });

  it('is empty when neither run fails', () => {
    expect(diffFailures([], [])).toEqual([]);
  });
});

describe('summarizeDiff', () => {
  it('names the failures B prevents', () => {
    expect(summarizeDiff(diffFailures([hijack, mitm], []))).toBe('B prevents 2 failures of A: Connection hijack, Man in the middle.');
  });

  it('names what B prevents and what it introduces', () => {
    expect(summarizeDiff(diffFailures([hijack, eavesdrop], [eavesdrop, dos]))).toBe('B prevents 1 failure of A: Connection hijack. B introduces 1 failure: Join denial of service.');
  });

  it('says when both runs fail alike, or not at all', () => {
    expect(summarizeDiff(diffFailures([mitm, hijack], [hijack, mitm]))).toBe('A and B suffer the same 2 failures.');
    expect(summarizeDiff([])).toBe('Neither run has a security failure.');
  });
});
