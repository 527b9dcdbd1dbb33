import type { PlaceSummary } from '../../../engine/index.ts';
import type { PlacePaint } from './paint.ts';

interface Props {
  places: readonly PlaceSummary[];
  paints: ReadonlyMap<string, PlacePaint>;
  selected: string | null;
  onSelect(place: string): void;
}

/** Every place as a button (the keyboard's way to the map): its badge and what was found there. */
export function PlaceList({ places, paints, selected, onSelect }: Props) {
  return (
    <section aria-labelledby="surface-places-heading">
      <h3 id="surface-places-heading" className="surface-side__heading">
        Places
      </h3>
      <ul className="surface-places">
        {places.map((p) => {
          const paint = paints.get(p.id);
          if (!paint) return null;
          return (
            <li key={p.id}>
              <button type="button" className="surface-place" data-place={p.id} data-look={paint.look} aria-pressed={selected === p.id} aria-label={paint.label} onClick={() => onSelect(p.id)}>
                <svg className="surface-place__badge" viewBox="-10 -10 20 20" aria-hidden="true" focusable="false">
                  <g className={`surface-badge surface-badge--${paint.look}`}>
                    <circle r={9} />
                    <text dy="0.36em">{paint.glyph}</text>
                  </g>
                </svg>
                <span className="surface-place__id mono">{p.id}</span>
                <span className="surface-place__what muted">{paint.label.slice(paint.label.indexOf('—') + 2)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
