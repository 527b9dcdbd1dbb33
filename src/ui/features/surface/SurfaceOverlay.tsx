/**
 * The surface map's paint over the topology: each link's line and each
 * router's halo in its place's look (colour and dash), a badge with the
 * look's glyph on each, and the off-path place as a marker of its own in
 * the corner. Links and routers carry the diagram's own data attributes,
 * so a click on the paint is a click on the place.
 */
import type { KeyboardEvent, MouseEvent } from 'react';
import type { DiagramGeometry, DiagramOverlay } from '../topology/TopologyDiagram.tsx';
import { linkPath, pointOnLink } from '../topology/link-geometry.ts';
import type { PlacePaint } from './paint.ts';

interface Props {
  links: readonly string[];
  routers: readonly string[];
  paints: ReadonlyMap<string, PlacePaint>;
  /** The place chosen (outlined); the off-path place is chosen here, links and routers through the diagram's targets. */
  selected: string | null;
  onSelect(place: string): void;
}

/** Where a router's badge sits, from its centre: top right, clear of its circle. */
const ROUTER_BADGE = { x: 24, y: -22 };
const ROUTER_HALO = 31;
const BADGE_R = 9;

function Badge({ paint, x, y, link, router }: { paint: PlacePaint; x: number; y: number; link?: string; router?: string }) {
  return (
    <g className={`surface-badge surface-badge--${paint.look}`} transform={`translate(${x},${y})`} data-link={link} data-router={router} data-look={paint.look}>
      <title>{paint.label}</title>
      <circle r={BADGE_R} />
      <text dy="0.36em">{paint.glyph}</text>
    </g>
  );
}

const OFF_PATH = 'off-path';

function OffPath({ d, paint, selected, onSelect }: { d: DiagramGeometry; paint: PlacePaint | undefined; selected: boolean; onSelect(): void }) {
  const x = d.bounds.x0 + 56;
  const y = d.bounds.y0 + 30;
  const choose = (e: MouseEvent | KeyboardEvent) => {
    e.stopPropagation();
    onSelect();
  };
  return (
    <g
      className={`surface-offpath surface-offpath--${paint?.look ?? 'not-run'}${selected ? ' surface-offpath--selected' : ''}`}
      transform={`translate(${x},${y})`}
      data-place={OFF_PATH}
      data-look={paint?.look ?? 'not-run'}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={paint?.label ?? 'Off-path'}
      onClick={choose}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          choose(e);
        }
      }}
    >
      <title>{paint?.label ?? 'Off-path: an attacker anywhere, sending spoofed packets'}</title>
      <rect className="surface-offpath__box" x={-48} y={-15} width={96} height={30} rx={15} />
      <text className="surface-offpath__text" x={-6} dy="0.35em">
        off-path
      </text>
      {paint && <Badge paint={paint} x={34} y={0} />}
    </g>
  );
}

/** The overlay the surface view hands the topology diagram. */
export function surfaceOverlay({ links, routers, paints, selected, onSelect }: Props): DiagramOverlay {
  return {
    still: true,
    under: (d) => (
      <g className="surface-paint">
        {links.map((id) => {
          const g = d.geometry.get(id);
          const p = paints.get(id);
          if (!g || !p) return null;
          return (
            <g key={id} className={`surface-stroke surface-stroke--${p.look}`} data-link={id} data-look={p.look}>
              {selected === id && <path className="surface-stroke__chosen" d={linkPath(g)} />}
              <path className="surface-stroke__line" d={linkPath(g)} />
              {p.look === 'defended' && <path className="surface-stroke__rail" d={linkPath(g)} />}
            </g>
          );
        })}
        {routers.map((id) => {
          const at = d.positions.get(id);
          const p = paints.get(id);
          if (!at || !p) return null;
          return (
            <g key={id} data-router={id}>
              {selected === id && <circle className="surface-halo__chosen" cx={at.x} cy={at.y} r={ROUTER_HALO} />}
              <circle className={`surface-halo surface-halo--${p.look}`} data-look={p.look} cx={at.x} cy={at.y} r={ROUTER_HALO} />
            </g>
          );
        })}
      </g>
    ),
    over: (d) => (
      <g className="surface-badges">
        {links.map((id) => {
          const g = d.geometry.get(id);
          const p = paints.get(id);
          if (!g || !p) return null;
          const at = pointOnLink(g, 0.5);
          return <Badge key={id} paint={p} x={at.x} y={at.y} link={id} />;
        })}
        {routers.map((id) => {
          const at = d.positions.get(id);
          const p = paints.get(id);
          if (!at || !p) return null;
          return <Badge key={id} paint={p} x={at.x + ROUTER_BADGE.x} y={at.y + ROUTER_BADGE.y} router={id} />;
        })}
        <OffPath d={d} paint={paints.get(OFF_PATH)} selected={selected === OFF_PATH} onSelect={() => onSelect(OFF_PATH)} />
      </g>
    ),
  };
}
