/**
 * The switches a built-in takes without being edited: its protocol and its
 * mitigations, the same in the app's toolbar and in `lab run --protocol
 * --mitigations`. One function applies them and one says, for a scenario
 * as run, the command that reproduces it (and so its digest): the built-in
 * with its switches, or, for a scenario edited otherwise, its saved JSON.
 */
import { builtinScenario } from './builtin/index.ts';
import { HOST_MITIGATIONS, type HostMitigation, type Protocol, type Scenario } from './types.ts';
import { LabError } from '../core/errors.ts';

export const SWITCH_PROTOCOLS: readonly Protocol[] = ['mptcp-v0', 'mptcp-v1', 'tcp'];

export interface Switches {
  protocol?: Protocol;
  /** Replaces the scenario's mitigations (an empty list: none). */
  mitigations?: readonly HostMitigation[];
}

/** The scenario with `sw` applied; an unknown protocol or mitigation is refused, naming it and what is allowed. */
export function withSwitches(s: Scenario, sw: { protocol?: string; mitigations?: readonly string[] }): Scenario {
  if (sw.protocol !== undefined && !SWITCH_PROTOCOLS.includes(sw.protocol as Protocol)) {
    throw new LabError('SCENARIO_INVALID', `protocol "${sw.protocol}" is not one of ${SWITCH_PROTOCOLS.join(', ')}`);
  }
  const unknown = (sw.mitigations ?? []).filter((m) => !HOST_MITIGATIONS.includes(m as HostMitigation));
  if (unknown.length) throw new LabError('SCENARIO_INVALID', `unknown mitigation ${unknown.map((m) => `"${m}"`).join(', ')}: expected ${HOST_MITIGATIONS.join(', ')}`);
  return {
    ...s,
    protocol: (sw.protocol as Protocol | undefined) ?? s.protocol,
    mptcp: { ...s.mptcp, mitigations: sw.mitigations ? [...(sw.mitigations as HostMitigation[])] : s.mptcp.mitigations },
  };
}

/** JSON with sorted keys, without the view state the engine ignores: two scenarios that run alike print alike. */
function canonical(s: Scenario): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sort(o[k])]));
    }
    return v;
  };
  const { ui: _ui, ...rest } = s;
  return JSON.stringify(sort(rest));
}

/** The `lab run` switches that turn the built-in `id` into `s`, or null when `s` differs from it in more than its switches. */
export function switchesFor(s: Scenario): string[] | null {
  const builtin = builtinScenario(s.id);
  if (!builtin) return null;
  const sameMitigations = [...builtin.mptcp.mitigations].sort().join(',') === [...s.mptcp.mitigations].sort().join(',');
  const switched = { ...withSwitches(builtin, { protocol: s.protocol, mitigations: s.mptcp.mitigations }), seed: s.seed };
  if (canonical(switched) !== canonical(s)) return null;
  const args: string[] = [];
  if (s.seed !== builtin.seed) args.push('--seed', String(s.seed));
  if (s.protocol !== builtin.protocol) args.push('--protocol', s.protocol);
  if (!sameMitigations) args.push('--mitigations', s.mptcp.mitigations.length ? s.mptcp.mitigations.join(',') : 'none');
  return args;
}

/** The command that reproduces this run's bytes and digest from a fresh clone. */
export function reproduceCommand(s: Scenario): { command: string; needsFile: boolean } {
  const args = switchesFor(s);
  if (args) return { command: ['npm run --silent lab -- run', s.id, ...args].join(' '), needsFile: false };
  return { command: `npm run --silent lab -- run ${s.id}.json`, needsFile: true };
}

const PROTOCOL_NAME: Readonly<Record<Protocol, string>> = { 'mptcp-v0': 'MPTCP v0', 'mptcp-v1': 'MPTCP v1', tcp: 'single-path TCP' };

/**
 * What to call a run: a built-in's title names its own protocol ("ADD_ADDR
 * hijack, MPTCP v0"), so a run switched to another one is titled after the
 * protocol that ran, and `note` says how it differs from the built-in whose
 * description follows (null when it does not).
 */
export function runTitle(s: Scenario): { title: string; note: string | null } {
  const builtin = builtinScenario(s.id);
  if (!builtin || switchesFor(s) === null) return { title: s.title, note: null };
  const changes: string[] = [];
  let title = s.title;
  if (s.protocol !== builtin.protocol) {
    const named = /MPTCP v[01]|single-path TCP/.test(title);
    title = named ? title.replace(/MPTCP v[01]|single-path TCP/, PROTOCOL_NAME[s.protocol]) : `${title}, run as ${PROTOCOL_NAME[s.protocol]}`;
    changes.push(`with ${PROTOCOL_NAME[s.protocol]} (the built-in runs ${PROTOCOL_NAME[builtin.protocol]})`);
  }
  const list = (m: readonly string[]) => (m.length ? m.join(', ') : 'none');
  if (list(s.mptcp.mitigations) !== list(builtin.mptcp.mitigations)) changes.push(`with mitigations ${list(s.mptcp.mitigations)} (the built-in has ${list(builtin.mptcp.mitigations)})`);
  if (s.seed !== builtin.seed) changes.push(`with seed ${s.seed}`);
  return { title, note: changes.length ? `This run is the built-in ${changes.join(', ')}; the description is the built-in's.` : null };
}
