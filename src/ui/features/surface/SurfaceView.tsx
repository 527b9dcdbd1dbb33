/**
 * The attack-surface map: the draft's topology painted with the worst
 * failure each place allows, a legend, the places as a list, and the rows
 * of the place chosen (each opens its run). The side column leaves a slot
 * for a panel about the chosen place's findings (`sidePanel`), and one under
 * the map for what concerns the whole map (`footer`: the trade-offs).
 */
import { useCallback, useEffect, useMemo, type ComponentType } from 'react';
import { planSurface, type PlaceSummary, type Scenario, type SurfaceResult, type SurfaceRow } from '../../../engine/index.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { selectAttacks, selectChooseSurfacePlace, selectDraft, selectEdit, selectLoadAttacks, selectOpenSurfaceRow, selectSurface, selectSurfacePlace } from '../../store/selectors.ts';
import { selectSurfaceStale } from '../../store/surface-slice.ts';
import { TopologyDiagram } from '../topology/TopologyDiagram.tsx';
import type { Selection, Target } from '../topology/topology-targets.ts';
import { paintMap } from './paint.ts';
import { PlaceList } from './PlaceList.tsx';
import { PlaceRows } from './PlaceRows.tsx';
import { SurfaceLegend } from './SurfaceLegend.tsx';
import { surfaceOverlay } from './SurfaceOverlay.tsx';
import { SurfaceToolbar } from './SurfaceToolbar.tsx';
import '../topology/topology.css';
import '../matrix/matrix.css';
import './surface.css';

/** What a side panel about the chosen place is given (the review decisions mount here). */
export interface SurfacePanelProps {
  /** The map on screen (partial while running or when cancelled). */
  result: SurfaceResult;
  /** The scenario swept. */
  scenario: Scenario;
  place: PlaceSummary | null;
  rows: readonly SurfaceRow[];
}

const NO_DRAFTS: ReadonlySet<string> = new Set();
const ignore = () => {};

export function SurfaceView({ sidePanel: SidePanel, footer: Footer }: { sidePanel?: ComponentType<SurfacePanelProps>; footer?: ComponentType<SurfacePanelProps> }) {
  const draft = useAppStore(selectDraft);
  const surface = useAppStore(selectSurface);
  const stale = useAppStore(selectSurfaceStale);
  const chosen = useAppStore(selectSurfacePlace);
  const choose = useAppStore(selectChooseSurfacePlace);
  const openRow = useAppStore(selectOpenSurfaceRow);
  const edit = useAppStore(selectEdit);
  const attacks = useAppStore(selectAttacks);
  const loadAttacks = useAppStore(selectLoadAttacks);
  useEffect(() => {
    void loadAttacks();
  }, [loadAttacks]);

  // The sweep ignores the draft's own attackers: the map does not draw them.
  const drawn = useMemo(() => (draft ? { ...draft, attackers: [] } : null), [draft]);
  const planned = useMemo(() => (draft ? planSurface(draft).cells.length : 0), [draft]);
  const result = surface?.result ?? null;
  const paints = useMemo(() => paintMap(result?.places ?? []), [result]);
  const labels = useMemo(() => new Map(attacks.map((a) => [a.id, a.label])), [attacks]);
  const place = result?.places.find((p) => p.id === chosen) ?? null;
  const rows = useMemo(() => (result && chosen ? result.rows.filter((r) => r.place === chosen) : []), [result, chosen]);
  const skipped = useMemo(() => (result && chosen ? result.skipped.filter((s) => s.cell.place === chosen) : []), [result, chosen]);

  const links = useMemo(() => drawn?.links.map((l) => l.id) ?? [], [drawn]);
  const routers = useMemo(() => drawn?.routers.map((r) => r.id) ?? [], [drawn]);
  const overlay = useMemo(() => surfaceOverlay({ links, routers, paints, selected: chosen, onSelect: choose }), [links, routers, paints, chosen, choose]);
  const onTarget = useCallback((t: Target) => (t.kind === 'link' || t.kind === 'router' ? choose(t.id) : t.kind === 'canvas' ? choose(null) : undefined), [choose]);
  const selection: Selection | null = chosen && links.includes(chosen) ? { kind: 'link', id: chosen } : chosen && routers.includes(chosen) ? { kind: 'node', id: chosen } : null;
  const open = useCallback((row: SurfaceRow) => void openRow(row), [openRow]);

  if (!draft || !drawn) {
    return (
      <section data-testid="surface" aria-label="Attack surface" className="surface">
        <p className="surface__empty">Simulate a scenario to map its attack surface.</p>
      </section>
    );
  }
  const partial = surface !== null && !surface.running && (surface.cancelled || surface.error !== null);
  return (
    <section data-testid="surface" aria-label="Attack surface" className="surface">
      <SurfaceToolbar surface={surface} planned={planned} stale={stale} />
      <div className="surface__body">
        <div className={`surface__map${partial ? ' surface__map--partial' : ''}`} data-testid="surface-map">
          {drawn.links.length === 0 && (
            <p className="surface__notice" role="note">
              This network has no links: an attacker can stand only off-path, and an off-path attacker needs a router or a link to send from, so every cell is skipped.
            </p>
          )}
          {partial && (
            <p className="surface__notice surface__notice--partial" role="note">
              Partial map: {surface.done} of {surface.total} rows ran. Places without rows are “not run”, never defended.
            </p>
          )}
          <TopologyDiagram
            key={drawn.id}
            scenario={drawn}
            armed={false}
            selected={selection}
            drafts={NO_DRAFTS}
            onTarget={onTarget}
            onDropAttack={ignore}
            onMoveNode={(id, p) => edit({ kind: 'move-node', id, x: p.x, y: p.y })}
            overlay={overlay}
          />
        </div>
        <aside className="surface__side" aria-label="Attack surface key and places">
          <SurfaceLegend />
          {result ? (
            <PlaceList places={result.places} paints={paints} selected={chosen} onSelect={choose} />
          ) : (
            <p className="surface__hint surface__pad">Map the attack surface to paint each link and router with the worst failure an attacker there causes.</p>
          )}
          {place && paints.get(place.id) && <PlaceRows place={place} paint={paints.get(place.id)!} rows={rows} skipped={skipped} attackLabels={labels} onOpen={open} />}
          {result && surface && SidePanel && <SidePanel result={result} scenario={surface.scenario} place={place} rows={rows} />}
        </aside>
      </div>
      {result && surface && Footer && !surface.running && !surface.cancelled && !surface.error && (
        <div className="surface__footer">
          <Footer result={result} scenario={surface.scenario} place={place} rows={rows} />
        </div>
      )}
    </section>
  );
}
