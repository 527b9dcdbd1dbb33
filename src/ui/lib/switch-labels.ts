/** The protocol and mitigation switches in people's words: the toolbar, the comparison and the gallery all say them so. */
import type { HostMitigation, Protocol } from '../../engine/index.ts';

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
  { id: 'remove-addr-probe', label: 'REMOVE_ADDR keepalive probe' },
];

export function protocolLabel(protocol: string): string {
  return PROTOCOLS.find((p) => p.value === protocol)?.label ?? protocol;
}

export function mitigationLabel(id: string): string {
  return MITIGATIONS.find((m) => m.id === id)?.label ?? id;
}
