/** Which security failures two runs share and which only one of them suffers. */
import type { FailureView } from '../../../worker/capture-client.ts';

export type DiffVerdict = 'only-a' | 'only-b' | 'both';

export interface FailureDiffRow {
  id: string;
  name: string;
  inA: boolean;
  inB: boolean;
  verdict: DiffVerdict;
}

export const VERDICT_TEXT: Record<DiffVerdict, string> = {
  'only-a': 'only in A (B prevents it)',
  'only-b': 'only in B (B introduces it)',
  both: 'in both',
};

/** Every failure id present in either run, once, in the order A then B first shows it. */
export function diffFailures(a: readonly FailureView[], b: readonly FailureView[]): FailureDiffRow[] {
  const inA = new Set(a.map((f) => f.id));
  const inB = new Set(b.map((f) => f.id));
  const names = new Map<string, string>();
  for (const f of [...a, ...b]) if (!names.has(f.id)) names.set(f.id, f.name);
  return [...names].map(([id, name]) => {
    const ra = inA.has(id);
    const rb = inB.has(id);
    return { id, name, inA: ra, inB: rb, verdict: ra && rb ? 'both' : ra ? 'only-a' : 'only-b' };
  });
}

const failures = (n: number) => `${n} ${n === 1 ? 'failure' : 'failures'}`;

/** The diff in one line: "B prevents 2 failures of A: Connection hijack, Man in the middle." */
export function summarizeDiff(rows: readonly FailureDiffRow[]): string {
  if (rows.length === 0) return 'Neither run has a security failure.';
  const prevented = rows.filter((r) => r.verdict === 'only-a').map((r) => r.name);
  const introduced = rows.filter((r) => r.verdict === 'only-b').map((r) => r.name);
  const parts: string[] = [];
  if (prevented.length > 0) parts.push(`B prevents ${failures(prevented.length)} of A: ${prevented.join(', ')}.`);
  if (introduced.length > 0) parts.push(`B introduces ${failures(introduced.length)}: ${introduced.join(', ')}.`);
  if (parts.length === 0) parts.push(`A and B suffer the same ${failures(rows.length)}.`);
  return parts.join(' ');
}
