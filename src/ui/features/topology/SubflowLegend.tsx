import { memo } from 'react';
import type { TimelineSubflow } from '../../../engine/index.ts';
import { subflowColour } from '../../lib/palette.ts';

/** The subflows of the run with their colour, as drawn beside the links they used. */
export const SubflowLegend = memo(function SubflowLegend({ subflows }: { subflows: readonly TimelineSubflow[] }) {
  if (subflows.length === 0) return null;
  return (
    <div className="topology__legend">
      <ul className="topology__legend-list" aria-label="Subflows">
        {subflows.map((s, k) => (
          <li key={k} className="topology__legend-item">
            <span className="topology__swatch" style={{ background: subflowColour(k) }} aria-hidden="true" />
            <span className="mono">{s.label}</span>
          </li>
        ))}
      </ul>
      <p className="topology__key" aria-hidden="true">
        ● packet · ▲ injected · ◆ modified
      </p>
    </div>
  );
});
