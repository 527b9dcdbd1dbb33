/**
 * A failure's default severity in a review: from its STRIDE category
 * (spoofing and tampering high, information disclosure medium, denial of
 * service low), one step up when it is MPTCP-specific — the "no worse than
 * TCP" goal of RFC 6181 is what MPTCP itself broke there.
 */
import { failureInfo, type StrideCategory } from '../monitors/failure-catalog.ts';
import type { FailureId } from '../monitors/monitor.ts';
import type { ReviewSeverity } from '../scenario/types.ts';

export const SEVERITIES: readonly ReviewSeverity[] = ['high', 'medium', 'low'];

const BY_STRIDE: Record<StrideCategory, ReviewSeverity> = {
  Spoofing: 'high',
  Tampering: 'high',
  'Information disclosure': 'medium',
  'Denial of service': 'low',
};

export function defaultSeverity(failure: FailureId, mptcpSpecific: boolean): ReviewSeverity {
  const base = BY_STRIDE[failureInfo(failure).stride];
  if (!mptcpSpecific) return base;
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(base) - 1)]!;
}

/** Orders severities high first (negative when `a` is worse). */
export function compareSeverity(a: ReviewSeverity, b: ReviewSeverity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}
