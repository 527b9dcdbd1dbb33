import { useState } from 'react';
import type { AttackerCapability, AttackerSpec, AttackId, Scenario } from '../../../engine/index.ts';
import type { AttackerPatch } from '../../store/scenario-changes.ts';
import { selectAttacks, selectEdit } from '../../store/selectors.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { CommitField } from '../topology/CommitField.tsx';
import { freeAttackerAddress, homeRouter } from './attacker-address.ts';
import { eavesdropperProblem, needsRouterText } from './attacker-rules.ts';
import { WindowEditor } from './WindowEditor.tsx';

interface Props {
  attacker: AttackerSpec;
  scenario: Scenario;
  onClose(): void;
}

/** The selected attacker: name, capability, attack and window; every change is one edit. */
export function AttackerEditor({ attacker, scenario, onClose }: Props) {
  const attacks = useAppStore(selectAttacks);
  const edit = useAppStore(selectEdit);
  const [problem, setProblem] = useState<string | null>(null);
  const label = attacker.label ?? attacker.id;
  const info = attacks.find((a) => a.id === attacker.attack);
  const noEavesdropper = eavesdropperProblem(attacker.location, info);
  const update = (patch: AttackerPatch) => edit({ kind: 'update-attacker', id: attacker.id, patch });

  const changeAttack = (id: string) => {
    const next = attacks.find((a) => a.id === id);
    if (!next) return;
    const patch: AttackerPatch = { attack: id as AttackId, params: {} };
    if (next.needsAddress && !attacker.address) {
      const address = homeRouter(scenario, attacker.at) ? freeAttackerAddress(scenario) : null;
      if (!address) return setProblem(needsRouterText(next));
      patch.address = address;
    }
    setProblem(null);
    update(patch);
  };

  return (
    <aside className="topology__card attacker-editor" aria-label={`Attacker ${label}`}>
      <header className="topology__card-head">
        <h3 className="topology__card-title">{label}</h3>
        <button type="button" className="btn btn--small btn--quiet" aria-label="Close attacker editor" onClick={onClose}>
          ✕
        </button>
      </header>
      <CommitField label="Label" value={label} onCommit={(t) => (t.trim() ? (update({ label: t.trim() }), null) : 'The attacker needs a name.')} />
      <label className="commit-field">
        <span className="commit-field__label">Capability</span>
        <select aria-label="Capability" value={attacker.capability} onChange={(e) => update({ capability: e.target.value as AttackerCapability })}>
          <option value="active">Active</option>
          <option value="eavesdropper" disabled={noEavesdropper !== null && attacker.capability !== 'eavesdropper'}>
            Eavesdropper
          </option>
        </select>
      </label>
      {noEavesdropper && <p className="topology__hint">{noEavesdropper}</p>}
      <label className="commit-field">
        <span className="commit-field__label">Attack</span>
        <select aria-label="Attack" value={attacker.attack} onChange={(e) => changeAttack(e.target.value)}>
          {!info && <option value={attacker.attack}>{attacker.attack}</option>}
          {attacks.map((a) => (
            <option key={a.id} value={a.id} disabled={a.needsActive && attacker.capability === 'eavesdropper'}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      {info && <p className="topology__hint" title={info.description}>{`${info.rfc}: ${info.description}`}</p>}
      {problem && (
        <p className="topology__problem" role="alert">
          {problem}
        </p>
      )}
      {attacker.address && <p className="topology__card-meta mono">Own address {attacker.address}</p>}
      <WindowEditor attacker={attacker} durationUs={scenario.durationUs} />
      <button type="button" className="btn btn--small attacker-editor__remove" onClick={() => edit({ kind: 'remove-attacker', id: attacker.id })}>
        Remove
      </button>
    </aside>
  );
}
