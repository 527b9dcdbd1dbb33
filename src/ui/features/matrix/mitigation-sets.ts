/**
 * The mitigation sets the matrix runs per protocol version: the version's
 * defaults, each extra mitigation alone, and all of them together (see
 * planMatrix in src/engine/runner/matrix.ts). EXTRA_MITIGATIONS mirrors the
 * engine's MATRIX_MITIGATIONS; mitigation-sets.test.ts keeps them equal.
 */
import { matrixExtrasFor, type AttackId, type MatrixMitigation, type MatrixProtocol } from '../../../engine/index.ts';

export const EXTRA_MITIGATIONS: readonly MatrixMitigation[] = ['add-addr-hmac', 'stateless-join', 'half-open-limit', 'syn-cookies', 'address-bound-join-hmac', 'tls', 'dh-keys', 'remove-addr-probe', 'aes-cmac'];

export const MITIGATION_LABELS: Record<MatrixMitigation, string> = {
  'add-addr-hmac': 'ADD_ADDR HMAC',
  'stateless-join': 'Stateless join',
  'half-open-limit': 'Half-open join limit',
  'syn-cookies': 'SYN cookies',
  'address-bound-join-hmac': 'Address-bound join HMAC',
  tls: 'TLS',
  'dh-keys': 'DH keys (what-if)',
  'aes-cmac': 'AES-CMAC (what-if)',
  'remove-addr-probe': 'REMOVE_ADDR keepalive probe',
};

/** 'defaults', one extra mitigation by its id, or 'all'. */
export type MitigationSetId = 'defaults' | MatrixMitigation | 'all';

export interface MitigationSetOption {
  id: MitigationSetId;
  label: string;
}

/** What a version has on by itself: v1's ADD_ADDR HMAC is part of the protocol. */
export function versionDefaults(protocol: MatrixProtocol): readonly MatrixMitigation[] {
  return protocol === 'v1' ? ['add-addr-hmac'] : [];
}

/** The sets the plan has for a version, in select order. */
export function mitigationSetOptions(protocol: MatrixProtocol): MitigationSetOption[] {
  const base = versionDefaults(protocol);
  const extras = EXTRA_MITIGATIONS.filter((m) => !base.includes(m));
  return [{ id: 'defaults', label: 'Defaults' }, ...extras.map((m) => ({ id: m, label: `+ ${MITIGATION_LABELS[m]}` })), { id: 'all', label: 'All' }];
}

/** The set a row ran with, read off its full mitigation list. */
export function mitigationSetOf(protocol: MatrixProtocol, mitigations: readonly MatrixMitigation[]): MitigationSetId {
  const base = versionDefaults(protocol);
  const extras = mitigations.filter((m) => !base.includes(m));
  if (extras.length === 0) return 'defaults';
  return extras.length === 1 ? extras[0]! : 'all';
}

/** The chosen set, or the defaults where the version has no such set (v1's ADD_ADDR HMAC is its default). */
export function effectiveSet(protocol: MatrixProtocol, chosen: MitigationSetId): MitigationSetId {
  return mitigationSetOptions(protocol).some((o) => o.id === chosen) ? chosen : 'defaults';
}

/** The mitigations in effect for a set, for people ("ADD_ADDR HMAC, TLS"). */
export function mitigationsInEffect(protocol: MatrixProtocol, set: MitigationSetId): string {
  const base = versionDefaults(protocol);
  const list = set === 'defaults' ? base : set === 'all' ? EXTRA_MITIGATIONS : [...base, set];
  const unique = EXTRA_MITIGATIONS.filter((m) => list.includes(m));
  return unique.length ? unique.map((m) => MITIGATION_LABELS[m]).join(', ') : 'none';
}

/**
 * Whether the plan has rows of this set for a grid row (an attack id, or
 * attack:variant): the defaults always; a mitigation alone where planMatrix
 * runs it alone (a variant's own mitigations only on its rows); all of them
 * where more than one runs alone.
 */
export function setPlannedFor(gridAttack: string, protocol: MatrixProtocol, set: MitigationSetId): boolean {
  if (set === 'defaults') return true;
  const [attack, variant] = gridAttack.split(':') as [AttackId, string | undefined];
  const base = versionDefaults(protocol);
  const alone = matrixExtrasFor(attack, variant, EXTRA_MITIGATIONS).filter((m) => !base.includes(m));
  return set === 'all' ? alone.length > 1 : alone.includes(set);
}
