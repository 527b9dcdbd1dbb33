import { memo } from 'react';
import { KIND_TAG, NodeShape } from './NodeShape.tsx';
import type { GraphNode, Point } from './scenario-graph.ts';

interface Props {
  nodes: readonly GraphNode[];
  positions: ReadonlyMap<string, Point>;
  /** The router a dragged attack is over. */
  dropTarget: string | null;
}

const ADDRESS_LINE = 13;

function describe(n: GraphNode): string {
  const kind = n.role ? `${n.kind}, ${n.role}` : n.kind;
  const ifaces = n.interfaces.map((i) => `${i.id} ${i.addresses.join(' ')}`).join('; ');
  return `${n.label} (${kind}): ${ifaces}`;
}

const classes = (n: GraphNode, dropTarget: string | null) =>
  `topology__node topology__node--${n.kind}${n.role ? ` topology__node--${n.role}` : ''}${n.id === dropTarget ? ' topology__node--drop' : ''}`;

/** The nodes: a shape, the label below it, then one line per interface with its addresses. Routers take attackers (`data-router`). */
export const TopologyNodes = memo(function TopologyNodes({ nodes, positions, dropTarget }: Props) {
  return (
    <g className="topology__nodes">
      {nodes.map((n) => {
        const p = positions.get(n.id);
        if (!p) return null;
        return (
          <g
            key={n.id}
            className={classes(n, dropTarget)}
            data-node={n.id}
            data-router={n.kind === 'router' ? n.id : undefined}
            tabIndex={n.kind === 'router' ? 0 : undefined}
            transform={`translate(${p.x},${p.y})`}
          >
            <title>{describe(n)}</title>
            <NodeShape kind={n.kind} />
            <text className="topology__tag" dy="0.35em">
              {n.kind === 'host' ? (n.role ?? KIND_TAG.host) : KIND_TAG[n.kind]}
            </text>
            <text className="topology__label" y={44}>
              {n.label}
            </text>
            {n.interfaces.map((i, k) => (
              <text key={i.id} className="topology__address" y={60 + k * ADDRESS_LINE}>
                {i.id} {i.addresses.join(' ')}
              </text>
            ))}
          </g>
        );
      })}
    </g>
  );
});
