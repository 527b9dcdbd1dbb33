/**
 * The palette's state: the capability new attackers get, the attack armed
 * for the next click, and the last refusal. `place` turns a request into a
 * `place-attacker` edit, or shows why not.
 */
import { useCallback, useState } from 'react';
import type { AttackerCapability, Scenario } from '../../../engine/index.ts';
import { selectAttacks, selectEdit } from '../../store/selectors.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { newAttacker } from './new-attacker.ts';

export interface Placement {
  capability: AttackerCapability;
  setCapability(c: AttackerCapability): void;
  /** The attack the next click on a link or router places; null when none is armed. */
  armed: string | null;
  /** Arms an attack (the same one again disarms it); null disarms. */
  arm(attack: string | null): void;
  /** Places `attack` at a link or router (null: off-path); the new attacker's id, or null when refused. */
  place(attack: string, place: string | null): string | null;
  /** The last refusal, shown to the user. */
  message: string | null;
  refuse(message: string | null): void;
}

export function usePlacement(scenario: Scenario | null): Placement {
  const attacks = useAppStore(selectAttacks);
  const edit = useAppStore(selectEdit);
  const [capability, setCap] = useState<AttackerCapability>('active');
  const [armed, setArmed] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const setCapability = useCallback(
    (c: AttackerCapability) => {
      setCap(c);
      setMessage(null);
      if (c === 'eavesdropper') setArmed((a) => (a && attacks.find((x) => x.id === a)?.needsActive ? null : a));
    },
    [attacks],
  );

  const arm = useCallback((attack: string | null) => {
    setMessage(null);
    setArmed((a) => (attack === a ? null : attack));
  }, []);

  const place = useCallback(
    (attack: string, at: string | null) => {
      const attackInfo = attacks.find((a) => a.id === attack);
      if (!scenario || !attackInfo) return null;
      const made = newAttacker(scenario, { attack, capability, place: at, attackInfo });
      if (!made.ok) {
        setMessage(made.reason);
        return null;
      }
      setMessage(null);
      setArmed(null);
      edit({ kind: 'place-attacker', attacker: made.attacker });
      return made.attacker.id;
    },
    [attacks, scenario, capability, edit],
  );

  return { capability, setCapability, armed, arm, place, message, refuse: setMessage };
}
