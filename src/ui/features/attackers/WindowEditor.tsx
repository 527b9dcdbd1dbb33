import type { AttackerSpec } from '../../../engine/index.ts';
import { selectEdit } from '../../store/selectors.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { CommitField } from '../topology/CommitField.tsx';
import { defaultWindow, locationText, parseWindow } from './attacker-window.ts';

const msText = (us: number) => String(us / 1000);

/** Where the attacker is, and the part of the run it holds its place (a `set-window` edit; off-path attackers have none). */
export function WindowEditor({ attacker, durationUs }: { attacker: AttackerSpec; durationUs: number }) {
  const edit = useAppStore(selectEdit);
  const offPath = attacker.location === 'off-path';
  const window = attacker.location === 'partial-time-on-path' ? (attacker.window ?? null) : null;
  const setWindow = (from: string, to: string) => {
    const parsed = parseWindow(from, to, durationUs);
    if (!parsed.ok) return parsed.reason;
    edit({ kind: 'set-window', id: attacker.id, window: parsed.window });
    return null;
  };

  return (
    <fieldset className="attacker-editor__window">
      <legend>Location</legend>
      <p className="attacker-editor__location" data-location={attacker.location}>
        {locationText(attacker)}
      </p>
      <label className="attacker-editor__check">
        <input
          type="checkbox"
          checked={window !== null}
          disabled={offPath}
          onChange={(e) => edit({ kind: 'set-window', id: attacker.id, window: e.target.checked ? defaultWindow(durationUs) : null })}
        />
        Only part of the time
      </label>
      {offPath && <p className="topology__hint">An off-path attacker is never on the path, so it has no window.</p>}
      {window && (
        <div className="attacker-editor__range">
          <CommitField label="From (ms)" type="number" min={0} step={1} value={msText(window.fromUs)} onCommit={(t) => setWindow(t, msText(window.toUs))} />
          <CommitField label="To (ms)" type="number" min={0} step={1} value={msText(window.toUs)} onCommit={(t) => setWindow(msText(window.fromUs), t)} />
        </div>
      )}
    </fieldset>
  );
}
