import type { MatrixProtocol } from '../../../engine/index.ts';
import { mitigationSetOptions, mitigationsInEffect, type MitigationSetId } from './mitigation-sets.ts';

interface Props {
  protocol: MatrixProtocol;
  set: MitigationSetId;
  onProtocol(p: MatrixProtocol): void;
  onSet(s: MitigationSetId): void;
}

/** Which slice of the matrix the grid shows: one protocol version and one mitigation set. */
export function MatrixFilters({ protocol, set, onProtocol, onSet }: Props) {
  return (
    <div className="matrix__bar matrix__bar--filters">
      <label className="matrix__field">
        Protocol
        <select value={protocol} onChange={(e) => onProtocol(e.target.value as MatrixProtocol)}>
          <option value="v0">v0 (RFC 6824)</option>
          <option value="v1">v1 (RFC 8684)</option>
        </select>
      </label>
      <label className="matrix__field">
        Mitigations
        <select value={set} onChange={(e) => onSet(e.target.value as MitigationSetId)}>
          {mitigationSetOptions(protocol).map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <span className="matrix__hint" data-testid="matrix-in-effect">
        In effect: {mitigationsInEffect(protocol, set)}
      </span>
    </div>
  );
}
