import { useAppStore, useAppStoreApi } from '../../../store/store-context.tsx';
import { selectLesson } from '../../../store/selectors.ts';
import { authoringStore, useAuthoring } from './authoring-store.ts';
import { authoredFrom } from './authoring-doc.ts';

/**
 * Under the lesson being played: back to editing it (a preview), or
 * editing a copy of it (any other lesson) in the authoring panel when the
 * teacher has no lesson of their own there to lose.
 */
export function LessonAuthoringActions() {
  const open = useAppStore(selectLesson);
  const app = useAppStoreApi();
  const blank = useAuthoring((s) => s.lesson.steps.length === 0 && !s.lesson.title && !s.lesson.summary);
  if (!open) return null;
  const preview = open.source === 'authored';
  if (!preview && !blank) return null;
  return (
    <button
      type="button"
      className="btn btn--small btn--quiet"
      title={preview ? 'Close the preview and go on writing this lesson' : 'Write your own lesson, starting from a copy of this one'}
      onClick={() => {
        const a = authoringStore().getState();
        if (!preview) a.replace(authoredFrom(open.lesson));
        a.setOpen(true);
        app.getState().closeLesson();
      }}
    >
      {preview ? 'Back to editing' : 'Edit a copy'}
    </button>
  );
}
