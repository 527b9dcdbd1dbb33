import type { TimelineData } from '../../../engine/index.ts';
import { SubflowSwatch } from '../../components/SubflowSwatch.tsx';
import { MARK_FILTERS, type ActorFilter, type LadderFilter } from './ladder-model.ts';
import { formatUs, type LadderScene } from './draw-ladder.ts';
import type { DsnScene } from './draw-dsn.ts';
import { canvasMeasure, timelineSvg } from './export-svg.ts';
import { downloadBlob } from '../../lib/download.ts';
import { downloadCanvasPng } from './export-png.ts';
import type { TimeWindow } from './use-time-zoom.ts';
import { useDismissableDetails } from '../../lib/use-dismissable-details.ts';

interface Props {
  t: TimelineData;
  filter: LadderFilter;
  onFilter(f: LadderFilter): void;
  view: TimeWindow;
  onZoom(factor: number): void;
  onFit(): void;
  /** Whether the window follows the moment, and the switch. */
  follow: boolean;
  onFollow(): void;
  ladderRef: React.RefObject<HTMLCanvasElement | null>;
  dsnRef: React.RefObject<HTMLCanvasElement | null>;
  ladderScene: React.RefObject<LadderScene | null>;
  dsnScene: React.RefObject<DsnScene | null>;
}

/** Subflows with a chip of their own. */
const CHIPS = 6;

/** Filters (option, actor, subflow), zoom and export for the timeline; the subflow chips double as its legend. */
export function TimelineToolbar({ t, filter, onFilter, view, onZoom, onFit, follow, onFollow, ladderRef, dsnRef, ladderScene, dsnScene }: Props) {
  const toggleSubflow = (k: number) => {
    const hidden = new Set(filter.hiddenSubflows);
    if (hidden.has(k)) hidden.delete(k);
    else hidden.add(k);
    onFilter({ ...filter, hiddenSubflows: hidden });
  };
  const step = (view.t1 - view.t0) / 5;
  const more = useDismissableDetails<HTMLDetailsElement>();
  const closeMore = (e: React.MouseEvent) => e.currentTarget.closest('details')?.removeAttribute('open');
  // Floods make hundreds of one-packet "subflows": the first few get a chip each, the rest one together.
  const rest = t.subflows.slice(CHIPS).map((_, i) => CHIPS + i);
  const toggleRest = () => {
    const hidden = new Set(filter.hiddenSubflows);
    const hide = !rest.every((k) => hidden.has(k));
    for (const k of rest) {
      if (hide) hidden.add(k);
      else hidden.delete(k);
    }
    onFilter({ ...filter, hiddenSubflows: hidden });
  };
  return (
    <div className="timeline__toolbar">
      <label className="timeline__field">
        <span className="visually-hidden">Options</span>
        <select aria-label="Show packets carrying" value={filter.marks} onChange={(e) => onFilter({ ...filter, marks: Number(e.target.value) })}>
          <option value={0}>All packets</option>
          {MARK_FILTERS.map((m) => (
            <option key={m.label} value={m.bits}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      <label className="timeline__field">
        <span className="visually-hidden">Actor</span>
        <select aria-label="Show packets sent by" value={filter.actor} onChange={(e) => onFilter({ ...filter, actor: e.target.value as ActorFilter })}>
          <option value="all">Hosts and attackers</option>
          <option value="hosts">Hosts only</option>
          <option value="attackers">Attackers only</option>
        </select>
      </label>
      <ul className="timeline__subflows" aria-label="Subflows (click to hide or show)">
        {t.subflows.slice(0, CHIPS).map((sf, k) => (
          <li key={sf.label}>
            <button type="button" className="chip" aria-pressed={!filter.hiddenSubflows.has(k)} title={`Subflow ${k + 1}: ${sf.label} (first frame ${sf.firstFrame})`} onClick={() => toggleSubflow(k)}>
              <SubflowSwatch index={k} className="chip__swatch" />
              SF{k + 1}
            </button>
          </li>
        ))}
        {rest.length > 0 && (
          <li>
            <button
              type="button"
              className="chip"
              aria-pressed={!rest.every((k) => filter.hiddenSubflows.has(k))}
              title={`${rest.length} more subflows (${t.subflows[CHIPS]!.label} …): click to hide or show them all`}
              onClick={toggleRest}
            >
              +{rest.length} more
            </button>
          </li>
        )}
      </ul>
      <span className="timeline__zoom">
        <span className="muted mono timeline__window" title="Visible time window">
          {formatUs(view.t0, step)} – {formatUs(view.t1, step)}
        </span>
        <button type="button" className="btn btn--small" aria-label="Zoom in" title="Zoom in (+)" onClick={() => onZoom(2)}>
          +
        </button>
        <button type="button" className="btn btn--small" aria-label="Zoom out" title="Zoom out (-)" onClick={() => onZoom(0.5)}>
          −
        </button>
        <button type="button" className="btn btn--small" title="Show the whole run (0)" onClick={onFit}>
          Fit
        </button>
        <button type="button" className="btn btn--small" aria-pressed={follow} aria-label="Follow the moment" title="Keep the moment in view while playing (F); a pan or zoom by hand turns this off" onClick={onFollow}>
          Follow
        </button>
        {/* The rarer controls wait behind More, so the bar fits a projector's 1097 px (1080p at 175 %). */}
        <details className="timeline__more" ref={more}>
          <summary className="btn btn--small" title="The shapes' legend and the exports">
            More ▾
          </summary>
          <div className="timeline__more-items" role="group" aria-label="More timeline controls">
            <span className="timeline__legend" aria-label="Shapes">
              <span className="shape shape--injected" aria-hidden="true" /> injected
              <span className="shape shape--modified" aria-hidden="true" /> modified
              <span className="shape shape--dropped" aria-hidden="true">×</span> dropped
            </span>
            <button
              type="button"
              className="btn btn--small"
              title="Save the timeline and the data-sequence chart as PNG"
              onClick={(e) => {
                closeMore(e);
                void downloadCanvasPng([ladderRef.current, dsnRef.current], 'timeline.png');
              }}
            >
              PNG
            </button>
            <button
              type="button"
              className="btn btn--small"
              title="Save the timeline and the data-sequence chart as SVG (vector, for documents)"
              onClick={(e) => {
                closeMore(e);
                if (ladderScene.current) downloadBlob(new Blob([timelineSvg(ladderScene.current, dsnScene.current, canvasMeasure())], { type: 'image/svg+xml' }), 'timeline.svg');
              }}
            >
              SVG
            </button>
          </div>
        </details>
      </span>
    </div>
  );
}
