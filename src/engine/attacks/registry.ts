/**
 * Attack strategies by id. An attack of the catalog without a strategy here
 * is refused by the validator, so nobody runs an attack that does nothing.
 */
import type { AttackId } from '../scenario/types.ts';
import type { StrategyDefinition } from './strategy.ts';
import { addAddrFlooding } from './strategies/add-addr-flooding.ts';
import { addAddrHijack } from './strategies/add-addr-hijack.ts';
import { blindReset } from './strategies/blind-reset.ts';
import { dataInjection } from './strategies/data-injection.ts';
import { joinDos, synFloodAmplification } from './strategies/join-flood.ts';
import { handshakeEavesdropHijack, timeShiftedHijack } from './strategies/join-with-keys.ts';
import { passiveEavesdrop } from './strategies/passive-eavesdrop.ts';
import { synJoinRedirect } from './strategies/syn-join-redirect.ts';

const STRATEGIES: Partial<Record<AttackId, StrategyDefinition>> = {
  'add-addr-hijack': addAddrHijack,
  'add-addr-flooding': addAddrFlooding,
  'blind-reset': blindReset,
  'data-injection': dataInjection,
  'join-dos': joinDos,
  'syn-flood-amplification': synFloodAmplification,
  'handshake-eavesdrop-hijack': handshakeEavesdropHijack,
  'time-shifted-hijack': timeShiftedHijack,
  'syn-join-redirect': synJoinRedirect,
  'passive-eavesdrop': passiveEavesdrop,
};

export function strategyFor(id: AttackId): StrategyDefinition | undefined {
  return STRATEGIES[id];
}

export function implementedAttacks(): AttackId[] {
  return Object.keys(STRATEGIES) as AttackId[];
}
