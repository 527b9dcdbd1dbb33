/**
 * The scenarios that ship with the lab, one JSON file each (the files are the
 * source: readable, and what "open in editor" shows). They go through the
 * same loader as any user file, so a broken built-in fails loudly at import;
 * `builtin.test.ts` checks that none has a problem.
 */
import type { Scenario } from '../types.ts';
import { loadScenarioOrThrow } from '../load.ts';
import attackPassiveEavesdrop from './attack-passive-eavesdrop.json' with { type: 'json' };
import attackAddAddrHijack from './attack-add-addr-hijack.json' with { type: 'json' };
import attackAddAddrHijackV0 from './attack-add-addr-hijack-v0.json' with { type: 'json' };
import attackJoinDos from './attack-join-dos.json' with { type: 'json' };
import attackSynFloodAmplification from './attack-syn-flood-amplification.json' with { type: 'json' };
import attackHandshakeEavesdropHijack from './attack-handshake-eavesdrop-hijack.json' with { type: 'json' };
import attackSynJoinRedirect from './attack-syn-join-redirect.json' with { type: 'json' };
import attackAddAddrFlooding from './attack-add-addr-flooding.json' with { type: 'json' };
import attackTimeShiftedHijack from './attack-time-shifted-hijack.json' with { type: 'json' };
import attackBlindReset from './attack-blind-reset.json' with { type: 'json' };
import attackDataInjection from './attack-data-injection.json' with { type: 'json' };
import bulk100mb from './bulk-100mb.json' with { type: 'json' };
import middleboxStrip from './middlebox-strip.json' with { type: 'json' };
import fastcloseV1 from './fastclose-v1.json' with { type: 'json' };
import fallbackMidstream from './fallback-midstream.json' with { type: 'json' };
import checksumFailSinglePath from './checksum-fail-single-path.json' with { type: 'json' };
import lossyHandshake from './lossy-handshake.json' with { type: 'json' };
import natClient from './nat-client.json' with { type: 'json' };
import singlePathTcp from './single-path-tcp.json' with { type: 'json' };
import twoPathV0 from './two-path-v0.json' with { type: 'json' };
import twoPathV1 from './two-path-v1.json' with { type: 'json' };
import wifiHandover from './wifi-handover.json' with { type: 'json' };
import wifiLte from './wifi-lte.json' with { type: 'json' };

/** The documents as written, in the order the app lists them. */
export const BUILTIN_DOCUMENTS: readonly unknown[] = [twoPathV1, twoPathV0, wifiLte, wifiHandover, fastcloseV1, natClient, middleboxStrip, fallbackMidstream, checksumFailSinglePath, lossyHandshake, singlePathTcp, bulk100mb,
  // One per attack (security-model.md §3), v0 as well where the version matters.
  attackPassiveEavesdrop, attackAddAddrHijack, attackAddAddrHijackV0, attackJoinDos, attackSynFloodAmplification, attackHandshakeEavesdropHijack, attackSynJoinRedirect, attackAddAddrFlooding, attackTimeShiftedHijack, attackBlindReset, attackDataInjection,
];

export const BUILTIN_SCENARIOS: readonly Scenario[] = BUILTIN_DOCUMENTS.map((doc) => loadScenarioOrThrow(doc));

/** The built-in scenario with this id, or undefined. */
export function builtinScenario(id: string): Scenario | undefined {
  return BUILTIN_SCENARIOS.find((s) => s.id === id);
}
