/**
 * The wording of scenario problems: JSON paths, how a bad value is shown,
 * lists of choices, and "did you mean" suggestions. Kept in one place so every
 * message reads the same way.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.links` + `delayUs` → `$.links.delayUs`; odd keys are quoted: `$["two words"]`. */
export function childPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

const MAX_SHOWN = 40;

/** How a value appears after "got": `12.5`, `"eth0"`, `null`, `an array`. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string': {
      const text = JSON.stringify(value);
      return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 4)}…" (${value.length} characters)` : text;
    }
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `the bigint ${value}`;
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** Quotes a name the way messages mention fields and values. */
export function quote(text: string): string {
  return JSON.stringify(text);
}

const MAX_LISTED = 12;

/** "client, server" or "a, b, c, … and 9 more" for long lists. */
export function listOf(items: readonly string[]): string {
  if (items.length === 0) return '(none)';
  if (items.length <= MAX_LISTED) return items.join(', ');
  return `${items.slice(0, MAX_LISTED).join(', ')}, … and ${items.length - MAX_LISTED} more`;
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows = s.length + 1;
  const cols = t.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * The candidate a typo most likely meant, or undefined. Close means a third
 * of the letters wrong at most, or one name being a prefix of the other
 * ("delay" → "delayUs", "bandwidth" → "bandwidthBps").
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    if (c === word) continue;
    const distance = editDistance(word, c);
    const cl = c.toLowerCase();
    const prefix = Math.min(lower.length, cl.length) >= 3 && (cl.startsWith(lower) || lower.startsWith(cl));
    // Never when every letter differs: "c" is no typo of "a".
    const near = distance <= Math.max(1, Math.floor(Math.max(word.length, c.length) / 3)) && distance < Math.min(word.length, c.length);
    if (!near && !prefix) continue;
    if (distance < bestScore) {
      best = c;
      bestScore = distance;
    }
  }
  return best;
}

/** " (did you mean \"x\"?)" or "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const guess = closest(word, candidates);
  return guess === undefined ? '' : ` (did you mean ${quote(guess)}?)`;
}
