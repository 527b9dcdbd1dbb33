/**
 * Simulated time: integer microseconds, branded so a plain number cannot be
 * passed where a time is meant by accident.
 */
export type SimTime = number & { readonly __simTime: unique symbol };

export const simTime = (us: number): SimTime => Math.round(us) as SimTime;
export const ZERO_TIME = 0 as SimTime;
export const US_PER_MS = 1000;
export const US_PER_S = 1_000_000;

export const msToUs = (ms: number): number => Math.round(ms * US_PER_MS);
export const addTime = (t: SimTime, deltaUs: number): SimTime => (t + Math.round(deltaUs)) as SimTime;

/** "1.234567 s" for traces. */
export function formatTime(t: SimTime): string {
  return `${(t / US_PER_S).toFixed(6)} s`;
}
