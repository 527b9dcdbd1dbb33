/**
 * Findings and decisions in people's words: the attack by its label (a
 * matrix variant by its own), the attacker's class and window, the failure
 * with its STRIDE category. Keys (`findingKey`) are read back into their
 * parts for lists that carry only keys (the trade-off table's).
 */
import { ATTACKS, FAILURES, MATRIX_VARIANTS, type ReviewDecision, type ReviewSeverity, type ReviewStatus } from '../../../engine/index.ts';

export const STATUSES: readonly { value: ReviewStatus; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'mitigated', label: 'Mitigated' },
  { value: 'accepted', label: 'Accepted risk' },
  { value: 'not-applicable', label: 'Not applicable' },
];

export const SEVERITY_LABELS: Record<ReviewSeverity, string> = { high: 'High', medium: 'Medium', low: 'Low' };

/** What names a finding: a decision's matching fields (a finding's row gives the same through `newDecision`). */
export type FindingParts = Pick<ReviewDecision, 'attack' | 'place' | 'location' | 'capability' | 'window' | 'failure'>;

/** "ADD_ADDR hijack", or a variant's own label for "attack:variant"; an unknown id as it is. */
export function attackText(attack: string): string {
  const [id, variant] = attack.split(':');
  if (variant) return MATRIX_VARIANTS.find((v) => v.attack === id && v.id === variant)?.label ?? attack;
  return ATTACKS.find((a) => a.id === id)?.label ?? attack;
}

const LOCATION_WORDS: Record<FindingParts['location'], string> = { 'on-path': 'on-path', 'partial-time-on-path': 'partial-time on-path', 'off-path': 'off-path' };

/** "on-path active", "partial-time on-path eavesdropper, handshake window". */
export function classText(p: Pick<FindingParts, 'location' | 'capability' | 'window'>): string {
  const base = `${LOCATION_WORDS[p.location]} ${p.capability}`;
  return p.window ? `${base}, ${p.window} window` : base;
}

/** "at r1", or "off-path" for the one place that is not in the topology. */
export function placeText(place: string): string {
  return place === 'off-path' ? 'off-path' : `at ${place}`;
}

export function failureText(failure: FindingParts['failure']): { name: string; stride: string } {
  const info = FAILURES.find((f) => f.id === failure);
  return { name: info?.name ?? failure, stride: info?.stride ?? 'unknown' };
}

/** "Data eavesdropped: Passive eavesdrop at r1 (on-path eavesdropper)": unique per finding, so it names its controls. */
export function findingTitle(p: FindingParts): string {
  return `${failureText(p.failure).name}: ${attackText(p.attack)} ${placeText(p.place)} (${classText(p)})`;
}

/**
 * A key back into its parts ("attack/place/location/capability/window/failure",
 * the window "-" for none); null for text that is not one.
 */
export function parseFindingKey(key: string): FindingParts | null {
  const parts = key.split('/');
  if (parts.length !== 6) return null;
  const [attack, place, location, capability, window, failure] = parts as [string, string, string, string, string, string];
  if (!(location in LOCATION_WORDS) || (capability !== 'active' && capability !== 'eavesdropper')) return null;
  if (window !== '-' && window !== 'handshake' && window !== 'join' && window !== 'data') return null;
  if (!FAILURES.some((f) => f.id === failure)) return null;
  return { attack, place, location: location as FindingParts['location'], capability, window: window === '-' ? null : window, failure: failure as FindingParts['failure'] };
}

/** A key as `findingTitle` says it; text that is not a key, as it is. */
export function findingKeyText(key: string): string {
  const p = parseFindingKey(key);
  return p ? findingTitle(p) : key;
}
