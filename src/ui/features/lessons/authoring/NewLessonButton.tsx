import { useAuthoring, authoringStore } from './authoring-store.ts';
import './authoring.css';

/** On the start page: open the authoring panel (a new lesson, or the one being written). */
export function NewLessonButton() {
  const open = useAuthoring((s) => s.open);
  const steps = useAuthoring((s) => s.lesson.steps.length);
  return (
    <>
      <button type="button" className="btn btn--small authoring__new" onClick={() => authoringStore().getState().setOpen(true)} title="Write a lesson in the app: record each step from the run on screen">
        {steps > 0 ? `Edit your lesson (${steps} steps)` : 'New lesson'}
      </button>
      {open && (
        <span className="authoring__hint authoring__new-hint" role="status" aria-label="Lesson authoring">
          The lesson panel opens beside the run: pick a scenario below (or in the toolbar), then record steps.
        </span>
      )}
    </>
  );
}
