/**
 * HTML5 drops of palette attacks on the diagram: over a link or router it
 * is highlighted (its id is `over`), and a drop reports the attack and what
 * it landed on (empty space: the canvas, for an off-path attacker).
 */
import { useState, type DragEvent } from 'react';
import { ATTACK_DRAG_TYPE } from '../attackers/drag-type.ts';
import { placeOf, targetOf, type Target } from './topology-targets.ts';

const carriesAttack = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes(ATTACK_DRAG_TYPE);

export function useAttackDrop(onDrop: (attack: string, target: Target) => void) {
  const [over, setOver] = useState<string | null>(null);
  const handlers = {
    onDragOver(e: DragEvent<HTMLElement>) {
      if (!carriesAttack(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      const place = placeOf(targetOf(e.target));
      if (place !== over) setOver(place);
    },
    onDragLeave(e: DragEvent<HTMLElement>) {
      if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setOver(null);
    },
    onDrop(e: DragEvent<HTMLElement>) {
      const attack = e.dataTransfer?.getData(ATTACK_DRAG_TYPE);
      setOver(null);
      if (!attack) return;
      e.preventDefault();
      onDrop(attack, targetOf(e.target) ?? { kind: 'canvas' });
    },
  };
  return { over, handlers };
}
