/**
 * The built-in lessons for the app, loaded when first asked for: their
 * documents (about 100 kB of JSON) stay out of the page's first script.
 * Their ids are known at once (an authored lesson must not take one).
 * Node and the tests may import `builtin/index.ts` directly.
 */
import type { Lesson } from './lesson-schema.ts';

/** In course order; `lessons.test.ts` checks it against the documents. */
export const BUILTIN_LESSON_IDS: readonly string[] = [
  'how-mptcp-works',
  'attacker-classes',
  'add-addr-hijack',
  'join-dos',
  'syn-flood-amplification',
  'handshake-eavesdrop-hijack',
  'syn-join-redirect',
  'rfc6181-flooding-and-time-shift',
  'mptcp-vs-tcp',
  'what-tls-fixes',
  'mac-vs-hmac',
];

let loading: Promise<readonly Lesson[]> | null = null;

/** The built-in lessons, validated (a bundler puts them in a chunk of their own). */
export function loadBuiltinLessons(): Promise<readonly Lesson[]> {
  loading ??= import('./builtin/index.ts').then((m) => m.BUILTIN_LESSONS);
  return loading;
}
