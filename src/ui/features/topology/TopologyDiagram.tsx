import { useMemo, useRef } from 'react';
import type { Scenario } from '../../../engine/index.ts';
import { selectSimulation, selectTimeline } from '../../store/selectors.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { placeAttackers } from './attacker-placement.ts';
import { AttackerMarkers } from './AttackerMarkers.tsx';
import { contentBounds, type Size } from './fit.ts';
import { InFlightPackets } from './InFlightPackets.tsx';
import { linkGeometries } from './link-geometry.ts';
import { graphNodes, topologySummary } from './scenario-graph.ts';
import { subflowsByLink } from './subflow-usage.ts';
import { SubflowLegend } from './SubflowLegend.tsx';
import { layoutTopology } from './topology-layout.ts';
import { TopologyLinks } from './TopologyLinks.tsx';
import { TopologyNodes } from './TopologyNodes.tsx';
import { useElementSize } from './use-element-size.ts';
import { useZoom } from './use-zoom.ts';

const FALLBACK_SIZE: Size = { width: 800, height: 500 };
const NONE: never[] = [];

/** The drawing of one scenario: everything but the packets in flight is memoised on the run. */
export function TopologyDiagram({ scenario }: { scenario: Scenario }) {
  const timeline = useAppStore(selectTimeline);
  const views = useAppStore(selectSimulation)?.attackers ?? NONE;
  const frameRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const layerRef = useRef<SVGGElement>(null);
  const size = useElementSize(frameRef, FALLBACK_SIZE);

  const nodes = useMemo(() => graphNodes(scenario), [scenario]);
  const positions = useMemo(() => layoutTopology(scenario), [scenario]);
  const geometry = useMemo(() => linkGeometries(scenario, positions), [scenario, positions]);
  const markers = useMemo(() => placeAttackers(scenario, positions, geometry, views), [scenario, positions, geometry, views]);
  const subflows = useMemo(() => subflowsByLink(timeline), [timeline]);
  const bounds = useMemo(() => contentBounds(positions.values()), [positions]);
  const summary = useMemo(() => topologySummary(scenario), [scenario]);
  const { fit } = useZoom(svgRef, layerRef, bounds, size);

  return (
    <div className="topology__frame" ref={frameRef}>
      <svg ref={svgRef} className="topology__svg" width={size.width} height={size.height} role="img" aria-label={summary}>
        <g ref={layerRef}>
          <TopologyLinks links={scenario.links} geometry={geometry} subflows={subflows} />
          <TopologyNodes nodes={nodes} positions={positions} />
          <AttackerMarkers markers={markers} />
          {timeline && <InFlightPackets timeline={timeline} geometry={geometry} markers={markers} />}
        </g>
      </svg>
      <SubflowLegend subflows={timeline?.subflows ?? NONE} />
      <button type="button" className="btn btn--small topology__fit" aria-label="Fit topology to view" onClick={fit}>
        Fit
      </button>
    </div>
  );
}
