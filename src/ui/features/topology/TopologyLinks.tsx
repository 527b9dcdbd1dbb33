import { memo } from 'react';
import type { Scenario } from '../../../engine/index.ts';
import { subflowColour } from '../../lib/palette.ts';
import { linkLabel, linkPath, pointOnLink, type LinkGeometry } from './link-geometry.ts';

interface Props {
  links: Scenario['links'];
  geometry: ReadonlyMap<string, LinkGeometry>;
  /** Per link id, the subflows whose frames crossed it. */
  subflows: ReadonlyMap<string, readonly number[]>;
}

/** Distance of a link's label from its line, and of the first subflow stroke (on the other side). */
const LABEL_SHIFT = -12;
const SUBFLOW_SHIFT = 6;
const SUBFLOW_GAP = 4;

/** The links: a line, its parameters, and beside it one thin stroke per subflow that used it. */
export const TopologyLinks = memo(function TopologyLinks({ links, geometry, subflows }: Props) {
  return (
    <g className="topology__links">
      {links.map((l) => {
        const g = geometry.get(l.id);
        if (!g) return null;
        const label = pointOnLink(g, 0.5, LABEL_SHIFT);
        const text = linkLabel(l);
        return (
          <g key={l.id} className="topology__link" data-link={l.id}>
            <title>{`${l.id}: ${l.a} ⇄ ${l.b}, ${text}, queue ${l.queuePackets} packets, MTU ${l.mtuBytes} bytes`}</title>
            <path className="topology__link-line" d={linkPath(g)} />
            {(subflows.get(l.id) ?? []).map((sf, j) => (
              <path key={sf} className="topology__subflow" data-subflow={sf} stroke={subflowColour(sf)} d={linkPath(g, SUBFLOW_SHIFT + j * SUBFLOW_GAP)} />
            ))}
            <text className="topology__link-label" x={label.x} y={label.y} dy="0.35em">
              {text}
            </text>
          </g>
        );
      })}
    </g>
  );
});
