import type { PlaceSummary, SurfaceResult, SurfaceRow } from '../../../engine/index.ts';
import { failureLook } from '../matrix/failure-icons.ts';
import { FailureBadge } from '../matrix/FailureBadge.tsx';
import type { PlacePaint } from './paint.ts';
import { attackText, classText, outcomeText, worstFirst } from './text.ts';

interface Props {
  place: PlaceSummary;
  paint: PlacePaint;
  rows: readonly SurfaceRow[];
  skipped: SurfaceResult['skipped'];
  attackLabels: ReadonlyMap<string, string>;
  onOpen(row: SurfaceRow): void;
}

/** A place's rows (a click anywhere on one, or Enter on its button, opens its run), then the cells that could not be built there, with why. */
export function PlaceRows({ place, paint, rows, skipped, attackLabels, onOpen }: Props) {
  return (
    <section className="surface-rows" aria-labelledby="surface-rows-heading" data-testid="surface-rows">
      <h3 id="surface-rows-heading" className="surface-side__heading">
        {place.kind === 'off-path' ? 'Off-path' : `${place.kind === 'link' ? 'Link' : 'Router'} ${place.id}`}: {rows.length} {rows.length === 1 ? 'row' : 'rows'}
      </h3>
      <p className={`surface-rows__summary surface-rows__summary--${paint.look}`}>{paint.label.slice(paint.label.indexOf('—') + 2)}</p>
      {rows.length > 0 && (
        <table className="surface-table">
          <thead>
            <tr>
              <th scope="col">Attack</th>
              <th scope="col">Attacker</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const outcome = outcomeText(r);
              const attack = attackText(r, attackLabels);
              return (
                <tr key={i} className={`surface-row${r.failures.length ? ' surface-row--bad' : r.attempted ? '' : ' surface-row--idle'}`}>
                  <td>
                    <button type="button" className="surface-row__open" aria-label={`${attack}, ${classText(r)}: ${outcome} — open this run`} onClick={() => onOpen(r)}>
                      {attack}
                    </button>
                  </td>
                  <td>{classText(r)}</td>
                  <td>
                    {r.failures.length > 0 ? (
                      <span className="surface-row__failures">
                        {worstFirst(r).map((f) => (
                          <FailureBadge key={f} look={failureLook(f)} specific={r.mptcpSpecific.includes(f)} />
                        ))}
                        <span className="surface-row__names">{outcome}</span>
                      </span>
                    ) : (
                      <span className={r.attempted ? 'tag' : 'tag tag--idle'}>{outcome}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {skipped.length > 0 && (
        <details className="surface-skipped" open={rows.length === 0}>
          <summary>
            {skipped.length} {skipped.length === 1 ? 'cell' : 'cells'} skipped here
          </summary>
          <ul>
            {skipped.map((s, i) => (
              <li key={i}>
                <strong>{attackText(s.cell, attackLabels)}</strong>, {classText(s.cell)}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
