import { useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode, type Ref } from 'react';
import type { Scenario } from '../../../engine/index.ts';
import { selectHoveredLink, selectHoveredSubflow, selectSimulation, selectTimeline } from '../../store/selectors.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { placeAttackers } from './attacker-placement.ts';
import { AttackerMarkers } from './AttackerMarkers.tsx';
import { contentBounds, type Bounds, type Size } from './fit.ts';
import { freeSpot } from './free-spot.ts';
import { InFlightPackets } from './InFlightPackets.tsx';
import { linkGeometries, linkLabel, type LinkGeometry } from './link-geometry.ts';
import { graphNodes, topologySummary, type Point } from './scenario-graph.ts';
import { subflowPaths } from './subflow-paths.ts';
import { strokeOrder, subflowStrokes, SUBFLOW_GAP, SUBFLOW_SHIFT } from './subflow-strokes.ts';
import { attackerBox, linkSegments, nodeBox, placeLinkLabels } from './label-placement.ts';
import { SubflowPaths } from './SubflowPaths.tsx';
import { layoutTopology } from './topology-layout.ts';
import { targetOf, type Selection, type Target } from './topology-targets.ts';
import { TopologyLinks } from './TopologyLinks.tsx';
import { NodeLabels, TopologyNodes } from './TopologyNodes.tsx';
import { useAttackDrop } from './use-attack-drop.ts';
import { useElementSize } from './use-element-size.ts';
import { useNodeDrag } from './use-node-drag.ts';
import { useZoom } from './use-zoom.ts';

const FALLBACK_SIZE: Size = { width: 800, height: 500 };
const NONE: never[] = [];

interface Props {
  scenario: Scenario;
  /** An attack is armed: links and routers take it on click. */
  armed: boolean;
  selected: Selection | null;
  /** Nodes of an unfinished edit (not yet connected), drawn as drafts. */
  drafts: ReadonlySet<string>;
  /** A click (or Enter) on a link, router, node, attacker badge or empty space. */
  onTarget(t: Target): void;
  onDropAttack(attack: string, t: Target): void;
  /** A node was dragged to `p` (layout coordinates). */
  onMoveNode(id: string, p: Point): void;
  ref?: Ref<DiagramHandle>;
  /** Layers another view paints over the drawing (the attack-surface map), in layout coordinates. */
  overlay?: DiagramOverlay;
}

/** Where things are drawn, for an overlay to paint over them. */
export interface DiagramGeometry {
  geometry: ReadonlyMap<string, LinkGeometry>;
  positions: ReadonlyMap<string, Point>;
  /** The drawing's extent (node centres with room for labels). */
  bounds: Bounds;
}

export interface DiagramOverlay {
  /** Drawn over the links and under the nodes. */
  under?(d: DiagramGeometry): ReactNode;
  /** Drawn over everything. */
  over?(d: DiagramGeometry): ReactNode;
  /** A still map, not a replay: no subflows or packets in flight. */
  still?: boolean;
}

export interface DiagramHandle {
  /** Where a new node goes: the middle of the view, clear of the other nodes (layout coordinates). */
  spotForNewNode(): Point;
  /** Where each node is drawn (saved or laid out). */
  layout(): ReadonlyMap<string, Point>;
}

/** The drawing of one scenario: everything but the packets in flight is memoised on the scenario. */
export function TopologyDiagram({ scenario, armed, selected, drafts, onTarget, onDropAttack, onMoveNode, ref, overlay }: Props) {
  const replay = useAppStore(selectTimeline);
  const timeline = overlay?.still ? null : replay;
  const views = useAppStore(selectSimulation)?.attackers ?? NONE;
  const frameRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const layerRef = useRef<SVGGElement>(null);
  const nodesRef = useRef<SVGGElement>(null);
  const size = useElementSize(frameRef, FALLBACK_SIZE);
  const [dragging, setDragging] = useState<{ id: string; p: Point } | null>(null);
  // d3-drag swallows the click that ends a real drag; this keeps such a click from selecting even where it does not.
  const dragEnded = useRef(false);

  const nodes = useMemo(() => graphNodes(scenario), [scenario]);
  const laidOut = useMemo(() => layoutTopology(scenario), [scenario]);
  const positions = useMemo(() => (dragging ? new Map(laidOut).set(dragging.id, dragging.p) : laidOut), [laidOut, dragging]);
  const geometry = useMemo(() => linkGeometries(scenario, positions), [scenario, positions]);
  const markers = useMemo(() => placeAttackers(scenario, positions, geometry, views), [scenario, positions, geometry, views]);
  const paths = useMemo(() => subflowPaths(scenario, timeline), [scenario, timeline]);
  const strokes = useMemo(() => subflowStrokes(paths, geometry, positions, markers), [paths, geometry, positions, markers]);
  const labels = useMemo(() => {
    const order = strokeOrder(paths);
    const requests = scenario.links.map((l) => {
      const n = order.get(l.id)?.length ?? 0;
      return { link: l.id, text: linkLabel(l), strokes: n ? SUBFLOW_SHIFT + (n - 1) * SUBFLOW_GAP + 2 : 0 };
    });
    const obstacles = [...nodes.flatMap((n) => (positions.has(n.id) ? [nodeBox(n, positions.get(n.id)!)] : [])), ...markers.map(attackerBox)];
    const lines = [...[...geometry.values()].flatMap((g) => linkSegments(g)), ...markers.flatMap((m) => (m.tap ? [{ a: m.tap, b: m.at }] : []))];
    return placeLinkLabels(requests, geometry, obstacles, lines);
  }, [scenario, paths, nodes, positions, markers, geometry]);
  const bounds = useMemo(() => contentBounds([...laidOut.values(), ...markers.filter((m) => m.address).map((m) => m.at)]), [laidOut, markers]);
  // The frame under the pointer in any view (the ladder, the packet list, a packet here): its link and subflow light up.
  const hoveredLink = useAppStore(selectHoveredLink);
  const hoveredSubflow = useAppStore(selectHoveredSubflow);
  const summary = useMemo(() => topologySummary(scenario), [scenario]);
  const { fit, hold, centre } = useZoom(svgRef, layerRef, bounds, size);
  // Clear of the nodes, the attackers' nodes and the links.
  const spotForNewNode = () => freeSpot(centre(), [...laidOut.values(), ...markers.filter((m) => m.address).map((m) => m.at)], [...geometry.values()].flatMap((g) => linkSegments(g)));
  useImperativeHandle(ref, () => ({ spotForNewNode, layout: () => laidOut }));
  const { over, handlers } = useAttackDrop(onDropAttack);

  useNodeDrag(nodesRef, positions, {
    onMove: (id, p) => {
      hold();
      setDragging({ id, p });
    },
    onEnd: (id, p, moved) => {
      setDragging(null);
      if (!moved) return;
      dragEnded.current = true;
      setTimeout(() => (dragEnded.current = false), 0);
      onMoveNode(id, p);
    },
  });

  const onClick = (e: MouseEvent) => {
    if (dragEnded.current) return;
    const t = targetOf(e.target);
    if (t) onTarget(t);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const t = e.key === 'Enter' || e.key === ' ' ? targetOf(e.target) : null;
    if (!t || t.kind === 'canvas') return;
    e.preventDefault();
    onTarget(t);
  };
  const selectedLink = selected?.kind === 'link' ? selected.id : null;
  const drawn: DiagramGeometry = { geometry, positions, bounds };

  return (
    <div className={`topology__frame${armed ? ' topology__frame--armed' : ''}`} ref={frameRef} {...handlers}>
      <svg ref={svgRef} className="topology__svg" width={size.width} height={size.height} role="group" aria-label={summary} onClick={onClick} onKeyDown={onKeyDown}>
        <g ref={layerRef}>
          <TopologyLinks links={scenario.links} geometry={geometry} labels={labels} selected={selectedLink} dropTarget={over} hovered={hoveredLink} />
          <SubflowPaths strokes={strokes} hovered={hoveredSubflow} />
          {overlay?.under?.(drawn)}
          <g ref={nodesRef}>
            <TopologyNodes nodes={nodes} positions={positions} dropTarget={over} selected={selected?.kind === 'node' ? selected.id : null} drafts={drafts} />
          </g>
          {timeline && <InFlightPackets timeline={timeline} geometry={geometry} markers={markers} />}
          <NodeLabels nodes={nodes} positions={positions} drafts={drafts} />
          <AttackerMarkers markers={markers} selected={selected?.kind === 'attacker' ? selected.id : null} />
          {overlay?.over?.(drawn)}
        </g>
      </svg>
      <button type="button" className="btn btn--small topology__fit" aria-label="Fit topology to view" onClick={fit}>
        Fit
      </button>
    </div>
  );
}
