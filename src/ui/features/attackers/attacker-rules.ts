/** The attacker classes the engine refuses (security-model.md §4), as sentences the UI shows before it gets that far. */
import type { AttackerCapability, AttackerLocation } from '../../../engine/index.ts';
import type { AttackOption } from '../../../worker/capture-client.ts';

export type AttackInfo = Pick<AttackOption, 'label' | 'needsActive' | 'needsAddress'>;

export const OFF_PATH_EAVESDROPPER = 'An off-path attacker cannot be an eavesdropper: it sees no packets, so it can only act blindly.';
export const NOT_A_PLACE = 'An attacker sits on a link or at a router, not inside a host, a NAT or a middlebox.';

export const needsActiveText = (info: Pick<AttackInfo, 'label'>) => `${info.label} sends packets, which an eavesdropper never does: it needs an active attacker.`;

export const needsRouterText = (info: Pick<AttackInfo, 'label'>) =>
  `${info.label} makes a host connect to the attacker, so it needs an address of its own reached through a router: place it at a router or on a link with a router at one end.`;

/** Why an eavesdropper is not allowed here, or null when it is. */
export function eavesdropperProblem(location: AttackerLocation, info: Pick<AttackInfo, 'label' | 'needsActive'> | undefined): string | null {
  if (location === 'off-path') return OFF_PATH_EAVESDROPPER;
  if (info?.needsActive) return needsActiveText(info);
  return null;
}

/** Why this class cannot follow this attack, or null when it can. */
export function classProblem(location: AttackerLocation, capability: AttackerCapability, info: AttackInfo | undefined): string | null {
  return capability === 'eavesdropper' ? eavesdropperProblem(location, info) : null;
}
