import { useId } from 'react';
import type { Protocol } from '../../../engine/index.ts';
import { MITIGATIONS, PROTOCOLS } from '../../lib/switch-labels.ts';
import { ordered, type SideSettings } from './compare-options.ts';

/** The protocol and mitigations of one side ("A" or "B"). */
export function SidePicker({ side, value, onChange, disabled }: { side: 'A' | 'B'; value: SideSettings; onChange(next: SideSettings): void; disabled: boolean }) {
  const id = useId();
  const toggle = (m: string, on: boolean) => onChange({ ...value, mitigations: ordered(on ? [...value.mitigations, m] : value.mitigations.filter((x) => x !== m)) });
  return (
    <fieldset className="compare__side" data-side={side} disabled={disabled}>
      <legend>Run {side}</legend>
      <label htmlFor={`${id}-protocol`} className="compare__field">
        <span>Protocol</span>
        <select id={`${id}-protocol`} aria-label={`Protocol of run ${side}`} value={value.protocol} onChange={(e) => onChange({ ...value, protocol: e.target.value as Protocol })}>
          {PROTOCOLS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <div className="compare__mitigations" role="group" aria-label={`Mitigations of run ${side}`}>
        {MITIGATIONS.map((m) => (
          <label key={m.id} title={m.id}>
            <input type="checkbox" checked={value.mitigations.includes(m.id)} onChange={(e) => toggle(m.id, e.target.checked)} />
            {m.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
