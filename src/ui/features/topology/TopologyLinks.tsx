import { memo } from 'react';
import type { Scenario } from '../../../engine/index.ts';
import { linkLabel, linkPath, pointOnLink, type LinkGeometry } from './link-geometry.ts';
import type { Point } from './scenario-graph.ts';

interface Props {
  links: Scenario['links'];
  geometry: ReadonlyMap<string, LinkGeometry>;
  /** Where each link's label goes (label-placement.ts); the middle of the line, just off it, otherwise. */
  labels: ReadonlyMap<string, Point>;
  /** The link being edited, and the one a dragged attack is over. */
  selected: string | null;
  dropTarget: string | null;
  /** The link the hovered frame crossed. */
  hovered: string | null;
}

/** Distance of a link's label from its line when no place was worked out for it. */
const LABEL_SHIFT = -12;

const classes = (id: string, selected: string | null, dropTarget: string | null, hovered: string | null) =>
  `topology__link${id === selected ? ' topology__link--selected' : ''}${id === dropTarget ? ' topology__link--drop' : ''}${id === hovered ? ' topology__link--hover' : ''}`;

/** The links: a line (with a wide invisible stroke to hit) and its parameters. */
export const TopologyLinks = memo(function TopologyLinks({ links, geometry, labels, selected, dropTarget, hovered }: Props) {
  return (
    <g className="topology__links">
      {links.map((l) => {
        const g = geometry.get(l.id);
        if (!g) return null;
        const label = labels.get(l.id) ?? pointOnLink(g, 0.5, LABEL_SHIFT);
        const text = linkLabel(l);
        return (
          <g key={l.id} className={classes(l.id, selected, dropTarget, hovered)} data-link={l.id} tabIndex={0}>
            <title>{`${l.id}: ${l.a} ⇄ ${l.b}, ${text}, queue ${l.queuePackets} packets, MTU ${l.mtuBytes} bytes`}</title>
            <path className="topology__link-hit" d={linkPath(g)} />
            <path className="topology__link-line" d={linkPath(g)} />
            <text className="topology__link-label" x={label.x} y={label.y} dy="0.35em">
              {text}
            </text>
          </g>
        );
      })}
    </g>
  );
});
