/** The switches a comparison can flip, with the words SimulateControl uses for them. */
import type { HostMitigation, Protocol } from '../../../engine/index.ts';
import type { ScenarioChange } from '../../store/scenario-changes.ts';

export const PROTOCOLS: readonly { value: Protocol; label: string }[] = [
  { value: 'mptcp-v1', label: 'MPTCP v1' },
  { value: 'mptcp-v0', label: 'MPTCP v0' },
  { value: 'tcp', label: 'TCP' },
];

/** Host mitigations, as security-model.md §5 names them. */
export const MITIGATIONS: readonly { id: HostMitigation; label: string }[] = [
  { id: 'add-addr-hmac', label: 'ADD_ADDR HMAC (v0 what-if)' },
  { id: 'stateless-join', label: 'Stateless joins' },
  { id: 'half-open-limit', label: 'Half-open join limit' },
  { id: 'syn-cookies', label: 'SYN cookies' },
  { id: 'address-bound-join-hmac', label: 'Address-bound join HMAC' },
  { id: 'tls', label: 'TLS above MPTCP' },
  { id: 'dh-keys', label: 'DH-agreed keys (what-if)' },
];

export function protocolLabel(protocol: string): string {
  return PROTOCOLS.find((p) => p.value === protocol)?.label ?? protocol;
}

export function mitigationLabel(id: string): string {
  return MITIGATIONS.find((m) => m.id === id)?.label ?? id;
}

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
