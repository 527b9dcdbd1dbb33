/**
 * RFC 7430 §1: just watch. Everything it learns is what the knowledge base
 * records from the packets it sees: the strategy itself does nothing.
 */
import type { StrategyDefinition } from '../strategy.ts';

export const passiveEavesdrop: StrategyDefinition = {
  create: () => ({
    expectedGuesses: () => null,
  }),
};
