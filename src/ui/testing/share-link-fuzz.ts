/**
 * The share link as a fuzz target: a real link (a built-in scenario, edited,
 * packed as the app packs it) mutated as text, then read as the app reads
 * one. Every outcome is a run description, a readable error or scenario
 * problems; never an exception of another kind.
 */
import fc from 'fast-check';
import { BUILTIN_SCENARIOS, LabError, loadScenario } from '../../engine/index.ts';
import { decodeScenario, encodeScenario, parseShareLink } from '../lib/share-link.ts';

export type LinkEdit = { kind: 'set'; at: number; char: string } | { kind: 'cut'; at: number } | { kind: 'insert'; at: number; text: string };

// Unbiased: fast-check favours small numbers, which would aim nearly every edit at the file's header.
const position = fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000);
const linkEdit: fc.Arbitrary<LinkEdit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: position, char: fc.constantFrom('%', '&', '=', '?', '#', '-', '_', 'A', '0', '%00', '%ZZ', '+', ' ') }),
  fc.record({ kind: fc.constant('cut' as const), at: position }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('&doc=', '&frame=-1', '&w=9-1', '&t=1e400', '&view=__proto__', '&hide=0,,-2', '&scenario=', '&mitigations=,,,')) }),
);

export function applyLinkEdits(link: string, edits: readonly LinkEdit[]): string {
  let s = link;
  for (const e of edits) {
    const at = Math.floor(e.at * s.length);
    if (e.kind === 'set') s = s.slice(0, at) + e.char + s.slice(at + 1);
    else if (e.kind === 'cut') s = s.slice(0, at);
    else s = s.slice(0, at) + e.text + s.slice(at);
  }
  return s;
}

/** Links the app writes for each built-in (its document packed), ready to mutate. */
export async function seedLinks(): Promise<string[]> {
  const packed = await Promise.all(BUILTIN_SCENARIOS.slice(0, 6).map((s) => encodeScenario(s)));
  return [...packed.map((doc) => `?doc=${doc}&frame=12&view=timeline&w=10-900&marks=1&q=join`), ...BUILTIN_SCENARIOS.map((s) => `?scenario=${s.id}&protocol=mptcp-v0&t=300`)];
}

export function linkCase(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...seeds), fc.array(linkEdit, { maxLength: 6 })).map(([seed, edits]) => applyLinkEdits(seed, edits));
}

export type LinkOutcome = 'no-run' | 'builtin' | 'document' | 'damaged' | 'problems';

/** Reads a link as use-share-link does: parse, unpack the document, validate it. */
export async function checkLink(search: string): Promise<LinkOutcome> {
  const run = parseShareLink(search);
  if (!run) return 'no-run';
  if (run.frame !== null && !(Number.isInteger(run.frame) && run.frame > 0)) throw new Error(`frame ${run.frame}`);
  if (run.window && !(run.window.t1 > run.window.t0)) throw new Error('an empty window');
  if (!run.document) return 'builtin';
  let text: string;
  try {
    text = await decodeScenario(run.document);
  } catch (e) {
    // The app shows this message: it must be readable, not a stack.
    if (!(e instanceof Error) || !/damaged|too (big|large)/.test(e.message)) throw e;
    return 'damaged';
  }
  try {
    const r = loadScenario(text);
    return r.ok ? 'document' : 'problems';
  } catch (e) {
    if (e instanceof LabError && e.code !== 'INTERNAL') return 'problems';
    throw e;
  }
}
