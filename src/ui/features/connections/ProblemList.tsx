import type { ProblemReport } from '../../../engine/index.ts';
import { FrameButton } from '../../components/FrameButton.tsx';
import { WarningIcon } from '../../components/icons.tsx';

export function ProblemList({ title, problems }: { title: string; problems: ProblemReport[] }) {
  return (
    <section aria-label={title} className="problems">
      <h4>
        <WarningIcon className="problems__icon" /> {title} ({problems.length})
      </h4>
      <ol className="conn__list">
        {problems.map((p, i) => (
          <li key={i}>
            <FrameButton frame={p.frame} className="problem">
              <span className="item__line">
                {p.frame !== null && <span className="item__index">frame {p.frame}</span>}
                <code className="problem__code">{p.code}</code>
              </span>
              <span className="item__line">{p.message}</span>
            </FrameButton>
          </li>
        ))}
      </ol>
    </section>
  );
}
