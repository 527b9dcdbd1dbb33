import { memo } from 'react';
import { KIND_TAG, NodeRing, NodeShape } from './NodeShape.tsx';
import type { GraphNode, Point } from './scenario-graph.ts';

interface Props {
  nodes: readonly GraphNode[];
  positions: ReadonlyMap<string, Point>;
  /** The router a dragged attack is over. */
  dropTarget: string | null;
  /** The node selected (or picked first to connect). */
  selected: string | null;
  /** Nodes not yet connected: drawn dashed, as drafts. */
  drafts: ReadonlySet<string>;
}

const ADDRESS_LINE = 13;

function describe(n: GraphNode): string {
  const kind = n.role ? `${n.kind}, ${n.role}` : n.kind;
  const ifaces = n.interfaces.map((i) => `${i.id} ${i.addresses.join(' ')}`).join('; ');
  return `${n.label} (${kind}): ${ifaces}`;
}

const classes = (n: GraphNode, dropTarget: string | null, selected: boolean, draft: boolean) =>
  `topology__node topology__node--${n.kind}${n.role ? ` topology__node--${n.role}` : ''}${n.id === dropTarget ? ' topology__node--drop' : ''}${selected ? ' topology__node--selected' : ''}${draft ? ' topology__node--draft' : ''}`;

/** The nodes' shapes (their labels are `NodeLabels`, drawn over the packets in flight). Routers take attackers (`data-router`); a click selects one. */
export const TopologyNodes = memo(function TopologyNodes({ nodes, positions, dropTarget, selected, drafts }: Props) {
  return (
    <g className="topology__nodes">
      {nodes.map((n) => {
        const p = positions.get(n.id);
        if (!p) return null;
        const on = n.id === selected;
        return (
          <g
            key={n.id}
            className={classes(n, dropTarget, on, drafts.has(n.id))}
            data-draft={drafts.has(n.id) || undefined}
            data-node={n.id}
            data-router={n.kind === 'router' ? n.id : undefined}
            data-selected={on}
            role="button"
            aria-pressed={on}
            tabIndex={0}
            transform={`translate(${p.x},${p.y})`}
          >
            <title>{describe(n)}</title>
            {on && <NodeRing kind={n.kind} />}
            <NodeShape kind={n.kind} />
            <text className="topology__tag" dy="0.35em">
              {n.kind === 'host' ? (n.role ?? KIND_TAG.host) : KIND_TAG[n.kind]}
            </text>
          </g>
        );
      })}
    </g>
  );
});

interface LabelProps {
  nodes: readonly GraphNode[];
  positions: ReadonlyMap<string, Point>;
  drafts: ReadonlySet<string>;
}

/**
 * Under each node, its name and one line per interface with its addresses
 * (or that it is not connected yet). A layer of its own over the packets in
 * flight, so a packet passes under a label, never over it; it takes no
 * pointer, so a packet under it still answers a click.
 */
export const NodeLabels = memo(function NodeLabels({ nodes, positions, drafts }: LabelProps) {
  return (
    <g className="topology__node-labels">
      {nodes.map((n) => {
        const p = positions.get(n.id);
        if (!p) return null;
        return (
          <g key={n.id} data-label-for={n.id} transform={`translate(${p.x},${p.y})`}>
            <text className="topology__label" y={44}>
              {n.label}
            </text>
            {drafts.has(n.id) && (
              <text className="topology__address" y={60}>
                not connected yet
              </text>
            )}
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
