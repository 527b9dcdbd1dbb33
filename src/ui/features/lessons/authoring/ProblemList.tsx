/** Problems of a lesson, each with its JSON path. */
export function ProblemList({ title, problems }: { title: string; problems: readonly { path: string; message: string }[] }) {
  return (
    <div className="authoring__problems" role="alert">
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
