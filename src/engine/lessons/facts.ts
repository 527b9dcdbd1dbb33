/**
 * Facts about a run (a lesson's questions and reveals): each is decided on
 * a `LessonOutcome` and says, in a sentence, what the engine found.
 */
import { formatTime, simTime } from '../core/time.ts';
import { failureInfo } from '../monitors/failure-catalog.ts';
import type { LessonFact } from './lesson-schema.ts';
import type { LessonOutcome } from './outcome.ts';

export interface FactResult {
  holds: boolean;
  /** What the run showed, true or not: "hijack occurred at 0.158545 s (MPTCP-specific)". */
  finding: string;
}

const seconds = (us: number) => formatTime(simTime(us));

function failureFinding(o: LessonOutcome, id: LessonFact & { fact: 'failure' | 'mptcp-specific' | 'inherited' }): { found: boolean; specific: boolean; finding: string } {
  const name = `${failureInfo(id.failure).name} (${id.failure})`;
  const first = o.failures.find((f) => f.id === id.failure);
  if (!first) return { found: false, specific: false, finding: `${name} did not occur` };
  return { found: true, specific: first.mptcpSpecific, finding: `${name} occurred at ${seconds(first.timeUs)}, ${first.mptcpSpecific ? 'MPTCP-specific' : 'inherited: single-path TCP suffers it too'}` };
}

export function evaluateFact(fact: LessonFact, o: LessonOutcome): FactResult {
  switch (fact.fact) {
    case 'failure': {
      const f = failureFinding(o, fact);
      return { holds: f.found === fact.occurs, finding: f.finding };
    }
    case 'mptcp-specific': {
      const f = failureFinding(o, fact);
      return { holds: f.found && f.specific, finding: f.finding };
    }
    case 'attempted': {
      const attackers = o.attackers.filter((a) => fact.attacker === undefined || a.id === fact.attacker);
      if (attackers.length === 0) return { holds: false, finding: fact.attacker ? `there is no attacker ${fact.attacker}` : 'there is no attacker' };
      const acted = attackers.filter((a) => a.attempted);
      const holds = fact.attempted ? acted.length > 0 : acted.length === 0;
      const finding = attackers.map((a) => `${a.id} ${a.attempted ? 'acted' : 'did not act (not attempted)'}`).join('; ');
      return { holds, finding };
    }
    case 'inherited': {
      const f = failureFinding(o, fact);
      return { holds: f.found && !f.specific, finding: f.finding };
    }
    case 'tcp-only': {
      const name = `${failureInfo(fact.failure).name} (${fact.failure})`;
      if (!o.tcpOnly) return { holds: false, finding: `single-path TCP was not run against the same attackers, so ${name} has no baseline` };
      const spared = o.tcpOnly.includes(fact.failure);
      const here = o.failures.some((f) => f.id === fact.failure);
      return { holds: spared, finding: spared ? `single-path TCP suffers ${name} and MPTCP was spared` : here ? `${name} occurred here too` : `single-path TCP does not suffer ${name} either` };
    }
    case 'hash-work': {
      if (fact.of !== 'all' && !o.crypto) return { holds: false, finding: `the run's hash work is known only in total: ${o.hashWork} hash operations` };
      const work = fact.of === 'sha-compressions' ? o.crypto!.compressions : fact.of === 'cipher-blocks' ? o.crypto!.cipherBlocks : o.hashWork;
      const parts = o.crypto ? ` (${o.crypto.compressions} SHA compressions, ${o.crypto.cipherBlocks} cipher blocks)` : '';
      const what = fact.of === 'sha-compressions' ? 'SHA compressions' : fact.of === 'cipher-blocks' ? 'cipher blocks' : `hash operations${parts}`;
      const holds = (fact.atLeast === undefined || work >= fact.atLeast) && (fact.atMost === undefined || work <= fact.atMost);
      return { holds, finding: `the run did ${work} ${what}` };
    }
    case 'no-failures':
      return { holds: o.failures.length === 0, finding: o.failures.length === 0 ? 'no failure occurred' : `failures occurred: ${[...new Set(o.failures.map((f) => f.id))].join(', ')}` };
    case 'data-intact':
      return { holds: o.dataIntact === fact.intact, finding: o.dataIntact ? 'every application read exactly what its peer wrote' : 'an application read bytes its peer never wrote' };
  }
}

/** All facts hold; the findings of each. */
export function evaluateFacts(facts: readonly LessonFact[], o: LessonOutcome): { holds: boolean; findings: FactResult[] } {
  const findings = facts.map((f) => evaluateFact(f, o));
  return { holds: findings.every((f) => f.holds), findings };
}
