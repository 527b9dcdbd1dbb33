/**
 * How big a scenario document may be, checked before it is read: the
 * largest built-in is a few kB, so 10 MB is room for any real topology
 * while keeping parsing and validation well under a second.
 */
export const SCENARIO_MAX_BYTES = 10 * 1024 * 1024;

/** "14.2 MB" (whole megabytes without a decimal) for the messages that state a size against the limit. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(mb < 100 ? 1 : 0)} MB`;
}

/** Why a document of this size is refused, or null when it may be read. */
export function scenarioSizeProblem(bytes: number): string | null {
  return bytes > SCENARIO_MAX_BYTES ? `it is ${formatMegabytes(bytes)}; a scenario file may be at most ${formatMegabytes(SCENARIO_MAX_BYTES)}` : null;
}
