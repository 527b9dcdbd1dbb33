/** The words a matrix cell says: its accessible name and its tooltip. */
import type { MatrixRow } from '../../../engine/index.ts';
import { failureLook } from './failure-icons.ts';
import { MITIGATION_LABELS } from './mitigation-sets.ts';

/** "ADD_ADDR hijack, on-path active, v1: Connection hijack, Man in the middle — open this run" */
export function cellLabel(row: MatrixRow, attackLabel: string, classLabel: string): string {
  const names = row.failures.map((f) => failureLook(f).name);
  const outcome = names.length ? names.join(', ') : row.attempted ? 'no failure' : 'not attempted';
  return `${attackLabel}, ${classLabel}, ${row.protocol}: ${outcome}${names.length && !row.attempted ? ' (the attack itself was not attempted)' : ''} — open this run`;
}

/** The details behind the badges, one line each. */
export function cellDetails(row: MatrixRow): string {
  const lines = row.failures.map((id) => {
    const f = failureLook(id);
    const amp = row.amplification[id];
    return `${f.name} (${f.stride}; ${row.mptcpSpecific.includes(id) ? 'MPTCP-specific' : 'single-path TCP too'})${amp !== undefined ? `, amplification ${amp} per attacker byte` : ''}`;
  });
  if (!row.attempted) lines.unshift('Not attempted: the attacker did not act (nothing in its window, no guess budget, or nothing it needed). That is not the same as defended.');
  else if (!lines.length) lines.push('No failure: the attacker acted and the hosts held');
  if (row.tcpOnly.length) lines.push(`Spared: ${row.tcpOnly.map((f) => failureLook(f).name).join(', ')} (single-path TCP suffered it)`);
  lines.push(`Mitigations: ${row.mitigations.length ? row.mitigations.map((m) => MITIGATION_LABELS[m]).join(', ') : 'none'}`);
  if (row.guessesUsed > 0 || row.expectedGuesses !== null) {
    const expected = row.expectedGuesses === null ? '' : ` (a blind attempt needs about ${formatCount(row.expectedGuesses)})`;
    lines.push(`Guessed packets: ${formatCount(row.guessesUsed)}${expected}`);
  }
  if (row.attackerKnew.length) lines.push(`Attacker knew: ${row.attackerKnew.join(', ')}`);
  if (row.baseline) lines.push(`Baseline: ${row.baseline}`);
  return lines.join('\n');
}

function formatCount(n: number): string {
  return n >= 1e6 ? n.toExponential(1) : n.toLocaleString('en-US');
}
