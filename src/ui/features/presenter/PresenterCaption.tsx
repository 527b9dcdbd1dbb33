import { useMemo } from 'react';
import { useAppStore } from '../../store/store-context.tsx';
import { selectLesson } from '../../store/selectors.ts';
import { stepCaption } from './caption.ts';

/** The lesson step on screen, large, under the views (nothing without a lesson). */
export function PresenterCaption() {
  const lesson = useAppStore(selectLesson);
  const caption = useMemo(() => stepCaption(lesson), [lesson]);
  if (!caption) return null;
  return (
    <section className="presenter-caption" aria-label="Lesson step" aria-live="polite" data-testid="presenter-caption">
      <h2 className="presenter-caption__title">{caption.title}</h2>
      {caption.text.split('\n').map((line, i) => (
        <p key={i} className="presenter-caption__text">
          {line}
        </p>
      ))}
    </section>
  );
}
