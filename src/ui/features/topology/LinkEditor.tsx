import type { LinkSpec } from '../../../engine/index.ts';
import { selectEdit } from '../../store/selectors.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { CommitField } from './CommitField.tsx';
import { LINK_FIELDS, linkFieldText, parseLinkField } from './link-units.ts';

/** The selected link's delay, bandwidth and loss; each committed field is one `set-link` edit. */
export function LinkEditor({ link, onClose }: { link: LinkSpec; onClose(): void }) {
  const edit = useAppStore(selectEdit);
  return (
    <aside className="topology__card" aria-label={`Link ${link.id}`}>
      <header className="topology__card-head">
        <h3 className="topology__card-title">Link {link.id}</h3>
        <button type="button" className="btn btn--small btn--quiet" aria-label="Close link editor" onClick={onClose}>
          ✕
        </button>
      </header>
      <p className="topology__card-meta mono">
        {link.a} ⇄ {link.b}
      </p>
      {LINK_FIELDS.map((f) => (
        <CommitField
          key={f.key}
          label={f.label}
          type="number"
          step={f.step}
          min={f.min}
          max={f.max}
          value={linkFieldText(f, link)}
          onCommit={(text) => {
            const parsed = parseLinkField(f, text);
            if (!parsed.ok) return parsed.reason;
            edit({ kind: 'set-link', id: link.id, patch: parsed.patch });
            return null;
          }}
        />
      ))}
    </aside>
  );
}
