/** The words a matrix cell says: its accessible name and its tooltip. */
import type { MatrixRow } from '../../../engine/index.ts';
import { failureLook } from './failure-icons.ts';
import { MITIGATION_LABELS } from './mitigation-sets.ts';

/** "ADD_ADDR hijack, on-path active, v1: Connection hijack, Man in the middle — open this run" */
export function cellLabel(row: MatrixRow, attackLabel: string, classLabel: string): string {
  const names = row.failures.map((f) => failureLook(f).name);
  return `${attackLabel}, ${classLabel}, ${row.protocol}: ${names.length ? names.join(', ') : 'no failure'} — open this run`;
}

/** The details behind the badges, one line each. */
export function cellDetails(row: MatrixRow): string {
  const lines = row.failures.map((id) => {
    const f = failureLook(id);
    return `${f.name} (${f.stride}; ${row.mptcpSpecific.includes(id) ? 'MPTCP-specific' : 'single-path TCP too'})`;
  });
  if (!lines.length) lines.push('No failure');
  if (row.tcpOnly.length) lines.push(`Spared: ${row.tcpOnly.map((f) => failureLook(f).name).join(', ')} (single-path TCP suffered it)`);
  lines.push(`Mitigations: ${row.mitigations.length ? row.mitigations.map((m) => MITIGATION_LABELS[m]).join(', ') : 'none'}`);
  if (row.guessesUsed > 0 || row.expectedGuesses !== null) {
    const expected = row.expectedGuesses === null ? '' : ` (a blind attempt needs about ${formatCount(row.expectedGuesses)})`;
    lines.push(`Guessed packets: ${formatCount(row.guessesUsed)}${expected}`);
  }
  if (row.attackerKnew.length) lines.push(`Attacker knew: ${row.attackerKnew.join(', ')}`);
  return lines.join('\n');
}

function formatCount(n: number): string {
  return n >= 1e6 ? n.toExponential(1) : n.toLocaleString('en-US');
}
