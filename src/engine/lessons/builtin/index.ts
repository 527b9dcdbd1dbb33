/**
 * The lessons that ship with the lab, one JSON file each. They go through
 * the same loader as a lesson from a file or a link, so a broken built-in
 * fails loudly at import; `lessons.test.ts` runs each one in the engine.
 */
import { loadLesson } from '../load-lesson.ts';
import type { Lesson } from '../lesson-schema.ts';
import howMptcpWorks from './how-mptcp-works.json' with { type: 'json' };
import attackerClasses from './attacker-classes.json' with { type: 'json' };
import addAddrHijack from './add-addr-hijack.json' with { type: 'json' };
import joinDos from './join-dos.json' with { type: 'json' };
import synFloodAmplification from './syn-flood-amplification.json' with { type: 'json' };
import handshakeEavesdropHijack from './handshake-eavesdrop-hijack.json' with { type: 'json' };
import synJoinRedirect from './syn-join-redirect.json' with { type: 'json' };
import rfc6181FloodingAndTimeShift from './rfc6181-flooding-and-time-shift.json' with { type: 'json' };
import mptcpVsTcp from './mptcp-vs-tcp.json' with { type: 'json' };
import whatTlsFixes from './what-tls-fixes.json' with { type: 'json' };
import macVsHmac from './mac-vs-hmac.json' with { type: 'json' };

/** The documents as written, in the order a course takes them. */
export const BUILTIN_LESSON_DOCUMENTS: readonly unknown[] = [howMptcpWorks, attackerClasses, addAddrHijack, joinDos, synFloodAmplification, handshakeEavesdropHijack, synJoinRedirect, rfc6181FloodingAndTimeShift, mptcpVsTcp, whatTlsFixes, macVsHmac];

export const BUILTIN_LESSONS: readonly Lesson[] = BUILTIN_LESSON_DOCUMENTS.map((doc) => {
  const loaded = loadLesson(doc);
  if (!loaded.ok) throw new Error(`built-in lesson ${(doc as { id?: string }).id}: ${loaded.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return loaded.lesson;
});

export function builtinLesson(id: string): Lesson | undefined {
  return BUILTIN_LESSONS.find((l) => l.id === id);
}
