import { useState } from 'react';
import type { Scenario } from '../../../engine/index.ts';
import { AttackerEditor } from '../attackers/AttackerEditor.tsx';
import { NOT_A_PLACE } from '../attackers/attacker-rules.ts';
import { AttackerPalette } from '../attackers/AttackerPalette.tsx';
import { usePlacement } from '../attackers/use-placement.ts';
import { selectEdit } from '../../store/selectors.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { LinkEditor } from './LinkEditor.tsx';
import { placeOf, type Selection, type Target } from './topology-targets.ts';
import { TopologyDiagram } from './TopologyDiagram.tsx';
import { useEscape } from './use-escape.ts';

/** The diagram with its editing around it: the attack palette, the refusal line and the editor of the selected link or attacker. */
export function TopologyWorkspace({ scenario }: { scenario: Scenario }) {
  const edit = useAppStore(selectEdit);
  const placement = usePlacement(scenario);
  const [selected, setSelected] = useState<Selection | null>(null);
  const { armed } = placement;

  const placeAt = (attack: string, t: Target) => {
    if (t.kind === 'node') return placement.refuse(NOT_A_PLACE);
    if (t.kind === 'attacker') return placement.refuse('Place it on a link or at a router, not on another attacker.');
    const id = placement.place(attack, placeOf(t));
    if (id) setSelected({ kind: 'attacker', id });
  };
  const onTarget = (t: Target) => {
    if (armed) placeAt(armed, t);
    else if (t.kind === 'link' || t.kind === 'attacker') setSelected({ kind: t.kind, id: t.id });
    else if (t.kind === 'canvas') setSelected(null);
  };
  useEscape(armed !== null || selected !== null, () => (armed ? placement.arm(null) : setSelected(null)));

  const link = selected?.kind === 'link' ? scenario.links.find((l) => l.id === selected.id) : undefined;
  const attacker = selected?.kind === 'attacker' ? scenario.attackers.find((a) => a.id === selected.id) : undefined;
  const close = () => setSelected(null);

  return (
    <div className="topology__body">
      <AttackerPalette placement={placement} />
      <div className="topology__main">
        <TopologyDiagram
          key={scenario.id}
          scenario={scenario}
          armed={armed !== null}
          selected={selected}
          onTarget={onTarget}
          onDropAttack={placeAt}
          onMoveNode={(id, p) => edit({ kind: 'move-node', id, x: p.x, y: p.y })}
        />
        <p className="topology__message" role="status">
          {placement.message}
        </p>
        {link && <LinkEditor key={link.id} link={link} onClose={close} />}
        {attacker && <AttackerEditor key={attacker.id} attacker={attacker} scenario={scenario} onClose={close} />}
      </div>
    </div>
  );
}
