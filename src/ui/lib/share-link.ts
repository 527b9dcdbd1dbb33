/**
 * A share link names a simulated run and a packet of it:
 * `?scenario=<built-in>&protocol=mptcp-v1&mitigations=tls,dh-keys&frame=418`.
 * The same scenario, switches and seed give the same packets, so the frame
 * number lands on the same packet for whoever opens the link.
 */
import { SIM_PROTOCOLS, type SimProtocol, type SimulateSettings } from '../../worker/capture-client.ts';

export interface SharedRun {
  scenarioId: string;
  settings: SimulateSettings;
  frame: number | null;
}

/** The run a URL's query names, or null when it names none (unknown values are left to the engine to refuse). */
export function parseShareLink(search: string): SharedRun | null {
  const q = new URLSearchParams(search);
  const scenarioId = q.get('scenario');
  if (!scenarioId) return null;
  const settings: SimulateSettings = {};
  const protocol = q.get('protocol');
  if (protocol && SIM_PROTOCOLS.includes(protocol as SimProtocol)) settings.protocol = protocol as SimProtocol;
  const mitigations = q.get('mitigations');
  if (mitigations !== null) settings.mitigations = mitigations.split(',').filter(Boolean);
  const frame = Number(q.get('frame'));
  return { scenarioId, settings, frame: Number.isInteger(frame) && frame > 0 ? frame : null };
}

export function shareLinkQuery(run: { scenarioId: string; protocol: string; mitigations: readonly string[] }, frame: number | null): string {
  const q = new URLSearchParams({ scenario: run.scenarioId, protocol: run.protocol, mitigations: run.mitigations.join(',') });
  if (frame !== null) q.set('frame', String(frame));
  return `?${q.toString()}`;
}
