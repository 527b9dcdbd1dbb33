import type { NodeKind } from './scenario-graph.ts';

/** Hexagon (NAT) and diamond (middlebox) outlines around the origin. */
const HEXAGON = 'M-26,0 L-13,-22.5 L13,-22.5 L26,0 L13,22.5 L-13,22.5 Z';
const DIAMOND = 'M0,-28 L28,0 L0,28 L-28,0 Z';

/** Each kind of node has its own shape: host rounded rectangle, router circle, NAT hexagon, middlebox diamond. */
export function NodeShape({ kind }: { kind: NodeKind }) {
  switch (kind) {
    case 'host':
      return <rect className="topology__shape" x={-36} y={-22} width={72} height={44} rx={10} />;
    case 'router':
      return <circle className="topology__shape" r={23} />;
    case 'nat':
      return <path className="topology__shape" d={HEXAGON} />;
    case 'middlebox':
      return <path className="topology__shape" d={DIAMOND} />;
  }
}

/** The ring around a selected node, a little outside its shape. */
export function NodeRing({ kind }: { kind: NodeKind }) {
  return kind === 'host' ? <rect className="topology__ring" x={-42} y={-28} width={84} height={56} rx={14} /> : <circle className="topology__ring" r={kind === 'router' ? 29 : 34} />;
}

/** A short tag drawn inside the shape. */
export const KIND_TAG: Record<NodeKind, string> = { host: 'host', router: 'R', nat: 'NAT', middlebox: 'MB' };
