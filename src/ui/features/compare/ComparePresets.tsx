import { useId, useState } from 'react';
import type { HostMitigation } from '../../../engine/index.ts';
import { MITIGATIONS } from '../../lib/switch-labels.ts';

/** Quick pairs of sides: v0 against v1, or a run without and with one mitigation. */
export function ComparePresets({ onVersions, onMitigation, disabled }: { onVersions(): void; onMitigation(m: HostMitigation): void; disabled: boolean }) {
  const id = useId();
  const [mitigation, setMitigation] = useState<HostMitigation>(MITIGATIONS[0]!.id);
  return (
    <div className="compare__presets" role="group" aria-label="Presets">
      <span className="compare__presets-title">Presets</span>
      <button type="button" className="btn btn--small" onClick={onVersions} disabled={disabled}>
        v0 against v1
      </button>
      <span className="compare__preset">
        <button type="button" className="btn btn--small" onClick={() => onMitigation(mitigation)} disabled={disabled}>
          Without / with
        </button>
        <label htmlFor={id} className="visually-hidden">
          Mitigation to compare without and with
        </label>
        <select id={id} value={mitigation} onChange={(e) => setMitigation(e.target.value as HostMitigation)} disabled={disabled}>
          {MITIGATIONS.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}
