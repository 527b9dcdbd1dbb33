import { memo } from 'react';
import type { Scenario } from '../../../engine/index.ts';
import { subflowColour, subflowDash } from '../../lib/palette.ts';
import { linkLabel, linkPath, pointOnLink, type LinkGeometry } from './link-geometry.ts';

interface Props {
  links: Scenario['links'];
  geometry: ReadonlyMap<string, LinkGeometry>;
  /** Per link id, the subflows whose frames crossed it. */
  subflows: ReadonlyMap<string, readonly number[]>;
  /** The link being edited, and the one a dragged attack is over. */
  selected: string | null;
  dropTarget: string | null;
}

/** Distance of a link's label from its line, and of the first subflow stroke (on the other side). */
const LABEL_SHIFT = -12;
const SUBFLOW_SHIFT = 6;
const SUBFLOW_GAP = 4;

const classes = (id: string, selected: string | null, dropTarget: string | null) =>
  `topology__link${id === selected ? ' topology__link--selected' : ''}${id === dropTarget ? ' topology__link--drop' : ''}`;

/** The links: a line (with a wide invisible stroke to hit), its parameters, and beside it one thin stroke per subflow that used it. */
export const TopologyLinks = memo(function TopologyLinks({ links, geometry, subflows, selected, dropTarget }: Props) {
  return (
    <g className="topology__links">
      {links.map((l) => {
        const g = geometry.get(l.id);
        if (!g) return null;
        const label = pointOnLink(g, 0.5, LABEL_SHIFT);
        const text = linkLabel(l);
        return (
          <g key={l.id} className={classes(l.id, selected, dropTarget)} data-link={l.id} tabIndex={0}>
            <title>{`${l.id}: ${l.a} ⇄ ${l.b}, ${text}, queue ${l.queuePackets} packets, MTU ${l.mtuBytes} bytes`}</title>
            <path className="topology__link-hit" d={linkPath(g)} />
            <path className="topology__link-line" d={linkPath(g)} />
            {(subflows.get(l.id) ?? []).map((sf, j) => (
              <path key={sf} className="topology__subflow" data-subflow={sf} stroke={subflowColour(sf)} strokeDasharray={subflowDash(sf).join(' ') || undefined} d={linkPath(g, SUBFLOW_SHIFT + j * SUBFLOW_GAP)} />
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
