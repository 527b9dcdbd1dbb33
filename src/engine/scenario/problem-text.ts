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
      // Only the head is ever shown, so a huge string is not encoded whole.
      const text = JSON.stringify(value.length > MAX_SHOWN ? value.slice(0, MAX_SHOWN) : value);
      return text.length > MAX_SHOWN || value.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 4)}…" (${value.length} characters)` : text;
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

/** Names longer than this get no suggestion: a typo of a field or kind is short, and a huge value must stay cheap. */
const MAX_SUGGESTED = 64;

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps),
 * case-insensitive. With `limit`, any answer above it comes back as
 * `limit + 1`, early: three rolling rows of the shorter string, so memory is
 * O(min(a, b)) and a hopeless pair stops at the first row past the limit.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  let s = a.toLowerCase();
  let t = b.toLowerCase();
  if (t.length > s.length) [s, t] = [t, s];
  const over = limit + 1;
  if (s.length - t.length > limit) return over;
  const cols = t.length + 1;
  let before = new Array<number>(cols).fill(0); // row i - 2, for swaps
  let previous = Array.from({ length: cols }, (_, j) => j);
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
      if (best < rowBest) rowBest = best;
    }
    // Every later cell builds on this row, so none can come back under the limit.
    if (rowBest > limit) return over;
    [before, previous, current] = [previous, current, before];
  }
  const distance = previous[cols - 1]!;
  return distance > limit ? over : distance;
}

/**
 * The candidate a typo most likely meant, or undefined. Close means a third
 * of the letters wrong at most, or one name being a prefix of the other
 * ("delay" → "delayUs", "bandwidth" → "bandwidthBps"). A distance is only
 * computed when it can pass, so the cost is bounded whatever the input's size.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > MAX_SUGGESTED) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    if (c === word || c.length > MAX_SUGGESTED) continue;
    const cl = c.toLowerCase();
    const prefix = Math.min(lower.length, cl.length) >= 3 && (cl.startsWith(lower) || lower.startsWith(cl));
    // A prefix is exactly its length difference away (insertions only).
    let distance: number;
    if (prefix) distance = Math.abs(lower.length - cl.length);
    else {
      // Never when every letter differs: "c" is no typo of "a".
      const limit = Math.min(Math.max(1, Math.floor(Math.max(word.length, c.length) / 3)), Math.min(word.length, c.length) - 1);
      if (limit < 0) continue;
      distance = editDistance(word, c, limit);
      if (distance > limit) continue;
    }
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
