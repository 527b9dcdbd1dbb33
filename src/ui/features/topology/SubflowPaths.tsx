import { memo } from 'react';
import { subflowColour, subflowDash } from '../../lib/palette.ts';
import type { SubflowStroke } from './subflow-strokes.ts';

interface Props {
  strokes: readonly SubflowStroke[];
  /** The subflow of the hovered frame: it stands out, the others fade. */
  hovered: number | null;
}

/** Each subflow's path, one stroke per subflow in its colour and dash; a hijacked one runs to the attacker's node. */
export const SubflowPaths = memo(function SubflowPaths({ strokes, hovered }: Props) {
  const focus = hovered !== null && strokes.some((s) => s.subflow === hovered);
  return (
    <g className={`topology__subflows${focus ? ' topology__subflows--focus' : ''}`} aria-hidden="true">
      {strokes.map((s) => (
        <path
          key={s.subflow}
          className={`topology__subflow${s.subflow === hovered ? ' topology__subflow--hover' : ''}`}
          data-subflow={s.subflow}
          data-attacker-path={s.attacker ?? undefined}
          stroke={subflowColour(s.subflow)}
          strokeDasharray={subflowDash(s.subflow).join(' ') || undefined}
          d={s.d}
        />
      ))}
    </g>
  );
});
