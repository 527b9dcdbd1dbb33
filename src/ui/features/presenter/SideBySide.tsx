import { TimelineView } from '../timeline/TimelineView.tsx';
import { TopologyView } from '../topology/TopologyView.tsx';

/** Presenter mode's two views at once: where the packets go, beside when. */
export function SideBySide() {
  return (
    <div className="side-by-side" role="region" aria-label="Topology and timeline side by side">
      <div className="side-by-side__topology">
        <TopologyView />
      </div>
      <div className="side-by-side__timeline">
        <TimelineView />
      </div>
    </div>
  );
}
