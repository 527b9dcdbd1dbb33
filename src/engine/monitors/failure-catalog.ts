/**
 * The failures of security-model.md §2 as data for people: a name, and the
 * STRIDE category a design review files it under (Microsoft's threat
 * classes: Spoofing, Tampering, Repudiation, Information disclosure, Denial
 * of service, Elevation of privilege).
 */
import type { FailureId } from './monitor.ts';

export type StrideCategory = 'Spoofing' | 'Tampering' | 'Information disclosure' | 'Denial of service';

export interface FailureInfo {
  id: FailureId;
  name: string;
  stride: StrideCategory;
}

export const FAILURES: readonly FailureInfo[] = [
  { id: 'hijack', name: 'Connection hijack', stride: 'Spoofing' },
  { id: 'mitm', name: 'Man in the middle', stride: 'Tampering' },
  { id: 'data-injection', name: 'Data injection', stride: 'Tampering' },
  { id: 'eavesdrop-data', name: 'Data eavesdropped', stride: 'Information disclosure' },
  { id: 'key-compromise', name: 'Keys compromised', stride: 'Information disclosure' },
  { id: 'connection-dos', name: 'Connection denial of service', stride: 'Denial of service' },
  { id: 'join-dos', name: 'Join denial of service', stride: 'Denial of service' },
  { id: 'resource-exhaustion', name: 'Resource exhaustion', stride: 'Denial of service' },
  { id: 'third-party-flooding', name: 'Third-party flooding', stride: 'Denial of service' },
  { id: 'degradation', name: 'Degradation', stride: 'Denial of service' },
];

export function failureInfo(id: FailureId): FailureInfo {
  return FAILURES.find((f) => f.id === id)!;
}
