/**
 * How a failure looks in the matrix: a two-letter abbreviation inside a
 * shape that tells its STRIDE category, so neither colour nor the letters
 * alone carry the meaning.
 */
import { FAILURES, type FailureId, type StrideCategory } from '../../../engine/index.ts';

export type BadgeShape = 'circle' | 'square' | 'diamond' | 'triangle';

export const STRIDE_SHAPES: Record<StrideCategory, BadgeShape> = {
  Spoofing: 'circle',
  Tampering: 'square',
  'Information disclosure': 'diamond',
  'Denial of service': 'triangle',
};

const ABBREVIATIONS: Record<FailureId, string> = {
  hijack: 'HJ',
  mitm: 'MI',
  'data-injection': 'DI',
  'eavesdrop-data': 'EV',
  'key-compromise': 'KY',
  'connection-dos': 'CD',
  'join-dos': 'JD',
  'resource-exhaustion': 'RX',
  'third-party-flooding': 'FL',
  degradation: 'DG',
};

export interface FailureLook {
  id: FailureId;
  name: string;
  stride: StrideCategory;
  abbr: string;
  shape: BadgeShape;
}

export const FAILURE_LOOKS: readonly FailureLook[] = FAILURES.map((f) => ({ ...f, abbr: ABBREVIATIONS[f.id], shape: STRIDE_SHAPES[f.stride] }));

const BY_ID = new Map(FAILURE_LOOKS.map((f) => [f.id, f]));

export function failureLook(id: FailureId): FailureLook {
  return BY_ID.get(id) ?? { id, name: id, stride: 'Denial of service', abbr: id.slice(0, 2).toUpperCase(), shape: 'triangle' };
}
