import { useEffect, useRef } from 'react';

/** Problems of a lesson, each with its JSON path; `reveal` scrolls them into view when they change (after an Apply). */
export function ProblemList({ title, problems, reveal = false }: { title: string; problems: readonly { path: string; message: string }[]; reveal?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (reveal) box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [reveal, problems]);
  return (
    <div className="authoring__problems" role="alert" ref={box}>
      <p>{title}</p>
      <ul aria-label="Lesson problems">
        {problems.map((p, i) => (
          <li key={i}>
            <code>{p.path}</code> {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
