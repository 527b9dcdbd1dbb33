import { useEffect, useState, type DragEvent } from 'react';
import type { AttackerCapability } from '../../../engine/index.ts';
import { selectAttacks, selectLoadAttacks } from '../../store/selectors.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { needsActiveText } from './attacker-rules.ts';
import { ATTACK_DRAG_TYPE } from './drag-type.ts';
import type { Placement } from './use-placement.ts';
import './attackers.css';

const CAPABILITIES: { id: AttackerCapability; label: string }[] = [
  { id: 'active', label: 'Active' },
  { id: 'eavesdropper', label: 'Eavesdropper' },
];

/** The attacks to place: drag one onto a link or router (or empty space for off-path), or click it and then a place. */
export function AttackerPalette({ placement }: { placement: Placement }) {
  const attacks = useAppStore(selectAttacks);
  const loadAttacks = useAppStore(selectLoadAttacks);
  const [open, setOpen] = useState(true);
  const { capability, setCapability, armed, arm } = placement;

  useEffect(() => {
    void loadAttacks();
  }, [loadAttacks]);

  const onDragStart = (e: DragEvent<HTMLButtonElement>, id: string) => {
    e.dataTransfer.setData(ATTACK_DRAG_TYPE, id);
    e.dataTransfer.setData('text/plain', id);
    e.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className={`attacker-palette${open ? '' : ' attacker-palette--closed'}`} aria-label="Attack palette">
      <button type="button" className="attacker-palette__toggle" aria-expanded={open} onClick={() => setOpen(!open)} title={open ? 'Hide the attacks' : 'Show the attacks'}>
        {open ? '▾ Attacks' : '▸ Attacks'}
      </button>
      {open && (
        <>
          <div className="attacker-palette__capability" role="group" aria-label="Capability">
            {CAPABILITIES.map((c) => (
              <button key={c.id} type="button" className="btn btn--small" aria-pressed={capability === c.id} onClick={() => setCapability(c.id)}>
                {c.label}
              </button>
            ))}
          </div>
          <ul className="attacker-palette__list" aria-label="Attacks">
            {attacks.map((a) => {
              const why = capability === 'eavesdropper' && a.needsActive ? needsActiveText(a) : null;
              return (
                <li key={a.id}>
                  <button
                    type="button"
                    className="attacker-palette__item"
                    data-attack={a.id}
                    aria-pressed={armed === a.id}
                    disabled={why !== null}
                    draggable={why === null}
                    title={why ?? a.description}
                    onClick={() => arm(a.id)}
                    onDragStart={(e) => onDragStart(e, a.id)}
                  >
                    <span className="attacker-palette__label">{a.label}</span>
                    <span className="attacker-palette__rfc">{a.rfc}</span>
                    {why && <span className="attacker-palette__why">Needs an active attacker</span>}
                  </button>
                </li>
              );
            })}
          </ul>
          <p className="attacker-palette__hint">{armed ? 'Click a link or router to place it (empty space: off-path). Esc cancels.' : 'Drag an attack onto a link or router, or onto empty space for an off-path attacker; or click it, then a place.'}</p>
        </>
      )}
    </aside>
  );
}
