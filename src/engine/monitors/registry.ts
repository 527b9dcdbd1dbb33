/**
 * The monitors that judge runs, by failure id. A failure of the security
 * model without a monitor here is simply never reported.
 */
import { connectionDos } from './connection-dos.ts';
import { degradation } from './degradation.ts';
import { dataInjection } from './data-injection.ts';
import { eavesdropData } from './eavesdrop-data.ts';
import { hijack } from './hijack.ts';
import { joinDos } from './join-dos.ts';
import { resourceExhaustion } from './resource-exhaustion.ts';
import { thirdPartyFlooding } from './third-party-flooding.ts';
import { keyCompromise } from './key-compromise.ts';
import { mitm } from './mitm.ts';
import type { Finding, Monitor, RunTruth } from './monitor.ts';

export const MONITORS: readonly Monitor[] = [hijack, mitm, dataInjection, eavesdropData, keyCompromise, connectionDos, joinDos, resourceExhaustion, thirdPartyFlooding, degradation];

/** Every finding of every monitor, in time order (then monitor order). */
export function evaluateMonitors(truth: RunTruth): Finding[] {
  const all = MONITORS.flatMap((m) => m.evaluate(truth));
  return all.map((f, i) => ({ f, i })).sort((a, b) => a.f.timeUs - b.f.timeUs || a.i - b.i).map((x) => x.f);
}
