import { memo } from 'react';
import type { TimelineSubflow } from '../../../engine/index.ts';
import { SubflowSwatch } from '../../components/SubflowSwatch.tsx';

/** The subflows of the run with their colour, as drawn beside the links they used. */
export const SubflowLegend = memo(function SubflowLegend({ subflows }: { subflows: readonly TimelineSubflow[] }) {
  if (subflows.length === 0) return null;
  return (
    <div className="topology__legend">
      <ul className="topology__legend-list" aria-label="Subflows">
        {subflows.map((s, k) => (
          <li key={k} className="topology__legend-item">
            <SubflowSwatch index={k} className="topology__swatch" />
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
