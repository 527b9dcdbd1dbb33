import { LOOKS } from './paint.ts';

/** The key to the map: each look's line, badge and meaning. */
export function SurfaceLegend() {
  return (
    <section className="surface-legend" aria-labelledby="surface-legend-heading">
      <h3 id="surface-legend-heading" className="surface-side__heading">
        Legend: worst failure per place
      </h3>
      <ul className="surface-legend__list">
        {LOOKS.map((l) => (
          <li key={l.look} className="surface-legend__item" data-look={l.look} title={`${l.name}: ${l.meaning}`}>
            <svg className="surface-legend__swatch" viewBox="0 0 44 20" aria-hidden="true" focusable="false">
              <g className={`surface-stroke surface-stroke--${l.look}`}>
                <path className="surface-stroke__line" d="M2,10 H42" />
                {l.look === 'defended' && <path className="surface-stroke__rail" d="M2,10 H42" />}
              </g>
              <g className={`surface-badge surface-badge--${l.look}`} transform="translate(22,10)">
                <circle r={8} />
                <text dy="0.36em">{l.glyph}</text>
              </g>
            </svg>
            <span>
              <strong>{l.name}</strong> <span className="muted">— {l.meaning}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
