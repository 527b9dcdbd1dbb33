import type { ProblemReport } from '../../../engine/index.ts';
import { FrameButton } from '../../components/FrameButton.tsx';
import { WarningIcon } from '../../components/icons.tsx';
import { formatCount } from '../../lib/format.ts';

/** Problems listed at most: a damaged capture can name one per frame (hundreds of thousands). */
export const PROBLEMS_SHOWN = 100;

/** `notListed`: problems counted but not in `problems` (the worker sends the first thousand). */
export function ProblemList({ title, problems, notListed = 0 }: { title: string; problems: ProblemReport[]; notListed?: number }) {
  const shown = problems.length > PROBLEMS_SHOWN ? problems.slice(0, PROBLEMS_SHOWN) : problems;
  const total = problems.length + notListed;
  const rest = total - shown.length;
  return (
    <section aria-label={title} className="problems">
      <h4>
        <WarningIcon className="problems__icon" /> {title} ({formatCount(total)})
      </h4>
      <ol className="conn__list">
        {shown.map((p, i) => (
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
      {rest > 0 && (
        <p className="problems__more">
          {formatCount(rest)} more not listed: the first {formatCount(PROBLEMS_SHOWN)} are shown. Problem frames are flagged in the packet list.
        </p>
      )}
    </section>
  );
}
