import { describe, expect, it } from 'vitest';
import { FAILURES, failureInfo } from './failure-catalog.ts';

describe('the failure catalog', () => {
  it('names every failure of the security model with its STRIDE class', () => {
    expect(FAILURES.map((f) => [f.id, f.name, f.stride])).toEqual([
      ['hijack', 'Connection hijack', 'Spoofing'],
      ['mitm', 'Man in the middle', 'Tampering'],
      ['data-injection', 'Data injection', 'Tampering'],
      ['eavesdrop-data', 'Data eavesdropped', 'Information disclosure'],
      ['key-compromise', 'Keys compromised', 'Information disclosure'],
      ['connection-dos', 'Connection denial of service', 'Denial of service'],
      ['join-dos', 'Join denial of service', 'Denial of service'],
      ['resource-exhaustion', 'Resource exhaustion', 'Denial of service'],
      ['third-party-flooding', 'Third-party flooding', 'Denial of service'],
      ['degradation', 'Degradation', 'Denial of service'],
    ]);
  });

  it('looks one up by id', () => {
    expect(failureInfo('join-dos')).toEqual({ id: 'join-dos', name: 'Join denial of service', stride: 'Denial of service' });
    expect(failureInfo('hijack').name).toBe('Connection hijack');
  });
});
