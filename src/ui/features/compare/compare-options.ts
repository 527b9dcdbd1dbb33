/** The switches a comparison can flip (their words are in lib/switch-labels.ts). */
import type { HostMitigation, Protocol } from '../../../engine/index.ts';
import { MITIGATIONS, protocolLabel } from '../../lib/switch-labels.ts';
import type { ScenarioChange } from '../../store/scenario-changes.ts';

/** One side of a comparison as picked: a protocol and a set of mitigations. */
export interface SideSettings {
  protocol: Protocol;
  mitigations: HostMitigation[];
}

/** Mitigations in the order of MITIGATIONS, so equal sets read (and label) alike. */
export function ordered(mitigations: readonly string[]): HostMitigation[] {
  return MITIGATIONS.map((m) => m.id).filter((id) => mitigations.includes(id));
}

/** What a side is called in the results: "MPTCP v0", "MPTCP v1 + tls". */
export function sideLabel(side: SideSettings): string {
  return [protocolLabel(side.protocol), ...ordered(side.mitigations)].join(' + ');
}

/** The draft's changes for a side: both switches, always, so a side never inherits the draft's. */
export function sideChanges(side: SideSettings): ScenarioChange[] {
  return [
    { kind: 'set-protocol', protocol: side.protocol },
    { kind: 'set-mitigations', mitigations: ordered(side.mitigations) },
  ];
}

/** Preset: the same mitigations, v0 on A and v1 on B. */
export function versionsPreset(base: SideSettings): [SideSettings, SideSettings] {
  return [
    { protocol: 'mptcp-v0', mitigations: ordered(base.mitigations) },
    { protocol: 'mptcp-v1', mitigations: ordered(base.mitigations) },
  ];
}

/** Preset: A without `mitigation`, B with it, all else as `base`. */
export function mitigationPreset(base: SideSettings, mitigation: HostMitigation): [SideSettings, SideSettings] {
  const without = base.mitigations.filter((m) => m !== mitigation);
  return [
    { protocol: base.protocol, mitigations: ordered(without) },
    { protocol: base.protocol, mitigations: ordered([...without, mitigation]) },
  ];
}
