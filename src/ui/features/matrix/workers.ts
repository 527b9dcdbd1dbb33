/** How many workers the sweep may use. */
export const WORKER_CHOICES = [1, 2, 4] as const;

/** Up to four, as many as the machine has cores (the largest choice not above that). */
export function defaultWorkers(cores: number | undefined): number {
  const want = Math.min(4, cores || 2);
  return WORKER_CHOICES.filter((n) => n <= want).at(-1) ?? 1;
}
