/**
 * Defaults live beside each field in `scenario-schema.ts` (one source for the
 * validator, this function and the published JSON Schema). Summary:
 * routers, nats, middleboxes, traffic: []; durationUs: 60 s;
 * mptcp: lowest-rtt, newreno, no checksums, no mitigations, no half-open
 * join limit; thresholds: stall 1 s, degradation 30 %; link: no loss,
 * 1000-packet queues, MTU 1500; path manager: no endpoints, limits
 * subflows 2 and addAddrAccepted 0 (Linux's); NAT ports from 40000;
 * traffic starts at 0 and request/response has no pause.
 *
 * Defaults that depend on other fields (a traffic's destination address, a
 * NAT's public address, endpoint address IDs) are not written in; see
 * `derived.ts`, so editing a host's addresses never leaves a stale copy.
 */
import type { Scenario } from './types.ts';
import { scenarioSchema, type ScenarioInput } from './scenario-schema.ts';

/**
 * A complete scenario from a document that passed validation: every omitted
 * field with a default gets it. New objects throughout; the input is not
 * changed. Idempotent.
 *
 * @example applyDefaults(doc).links[0].mtuBytes // 1500 when the document leaves it out
 */
export function applyDefaults(doc: ScenarioInput): Scenario {
  return scenarioSchema.fill(doc);
}
