import { useState } from 'react';
import type { Lesson } from '../../../../engine/index.ts';
import { MAX_SHARE_LINK_BYTES } from '../../../lib/share-link.ts';
import { kb, lessonLink, saveLessonFile, type LessonLinkResult } from './lesson-share.ts';

/**
 * "Copy lesson link" and "Save lesson file". The link is also shown, to
 * select and copy by hand when the clipboard is refused; a lesson too big
 * for a link says so and offers its file.
 */
export function LessonShare({ lesson, builtin, step = 0, disabled }: { lesson: Lesson | null; builtin: boolean; step?: number; disabled?: boolean }) {
  const [made, setMade] = useState<(LessonLinkResult & { of: Lesson; copied: boolean | null }) | null>(null);
  const [savedOf, setSavedOf] = useState<Lesson | null>(null);
  // A link is for the lesson it was made of: a change makes it stale.
  const link = made && made.of === lesson ? made : null;
  const saved = savedOf !== null && savedOf === lesson;
  const copy = async () => {
    if (!lesson) return;
    const result = await lessonLink(lesson, builtin, step);
    if (!result.fits) return setMade({ ...result, of: lesson, copied: null });
    const clip = navigator.clipboard;
    const copied = clip ? await clip.writeText(result.url).then(() => true, () => false) : false;
    setMade({ ...result, of: lesson, copied });
  };
  return (
    <div className="authoring__share">
      <div className="authoring__row">
        <button type="button" className="btn btn--small" onClick={() => void copy()} disabled={!lesson || disabled} title={builtin ? 'A link naming this built-in lesson' : 'A link carrying the whole lesson (checked like a file when it opens)'}>
          Copy lesson link
        </button>
        <button
          type="button"
          className={`btn btn--small${link && !link.fits ? ' btn--primary' : ''}`}
          onClick={() => {
            if (!lesson) return;
            saveLessonFile(lesson);
            setSavedOf(lesson);
          }}
          disabled={!lesson || disabled}
          title="Download the lesson as JSON; “Open a lesson file…” on the start page opens it"
        >
          Save lesson file
        </button>
      </div>
      <p role="status" aria-label="Lesson link" className="authoring__status">
        {link?.fits ? (link.copied ? 'Link copied.' : 'Could not copy: select the link below.') : link ? `Too big for a link (${kb(link.bytes)}, over ${kb(MAX_SHARE_LINK_BYTES)}): save the lesson file and send it instead.` : saved ? 'Lesson file saved.' : ''}
      </p>
      {link?.fits && <input className="authoring__link" type="text" readOnly aria-label="Lesson link address" value={link.url} onFocus={(e) => e.currentTarget.select()} />}
    </div>
  );
}
