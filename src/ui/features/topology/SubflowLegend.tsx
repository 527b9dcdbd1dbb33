import { memo } from 'react';
import type { TimelineSubflow } from '../../../engine/index.ts';
import { SubflowSwatch } from '../../components/SubflowSwatch.tsx';

/**
 * The subflows of the run with their colour, as drawn along their paths;
 * `compact` (a collapsed side panel) shows the swatches alone, each named
 * by its tooltip.
 */
export const SubflowLegend = memo(function SubflowLegend({ subflows, compact = false }: { subflows: readonly TimelineSubflow[]; compact?: boolean }) {
  if (subflows.length === 0) return null;
  return (
    <section className={`topology__legend${compact ? ' topology__legend--compact' : ''}`} aria-label="Subflow key">
      <ul className="topology__legend-list" aria-label="Subflows">
        {subflows.map((s, k) => (
          <li key={k} className="topology__legend-item" title={compact ? s.label : undefined}>
            <SubflowSwatch index={k} className="topology__swatch" />
            {!compact && <span className="mono">{s.label}</span>}
          </li>
        ))}
      </ul>
      {!compact && (
        <p className="topology__key" aria-hidden="true">
          ● packet · ▲ injected · ◆ modified
        </p>
      )}
    </section>
  );
});
