import { CheckIcon } from '../../components/icons.tsx';
import { FAILURE_LOOKS, STRIDE_SHAPES, type BadgeShape } from './failure-icons.ts';
import { BadgeShapeIcon } from './FailureBadge.tsx';

const STRIDE = Object.entries(STRIDE_SHAPES) as [string, BadgeShape][];

/** How to read a cell. */
export function MatrixLegend() {
  return (
    <section className="mlegend" aria-labelledby="matrix-legend-heading">
      <h3 id="matrix-legend-heading">How to read a cell</h3>
      <ul className="mlegend__list">
        {STRIDE.map(([stride, shape]) => (
          <li key={stride}>
            <BadgeShapeIcon shape={shape} /> {shape}: {stride}
          </li>
        ))}
        <li>
          <BadgeShapeIcon shape="circle" abbr="HJ" specific /> bold outline and dot: MPTCP-specific (single-path TCP with the same attacker did not fail)
        </li>
        <li>
          <BadgeShapeIcon shape="circle" abbr="HJ" /> thin outline: single-path TCP fails too
        </li>
        <li>
          <span className="mcell__none">
            <CheckIcon /> none
          </span>{' '}
          no failure
        </li>
        <li>
          <span className="mcell__unattempted">
            <span aria-hidden="true">○</span> not attempted
          </span>{' '}
          the attacker did not act (nothing in its window, no budget, nothing it needed): not the same as defended
        </li>
        <li>
          <span className="mcell__spared">(spared JD)</span> single-path TCP suffered it, MPTCP did not
        </li>
        <li>
          <span className="mlegend__sym">…</span> running · <span className="mlegend__sym">—</span> not in the plan (an eavesdropper cannot follow an attack that sends)
        </li>
      </ul>
      <ul className="mlegend__list" aria-label="Failure abbreviations">
        {FAILURE_LOOKS.map((f) => (
          <li key={f.id}>
            <BadgeShapeIcon shape={f.shape} abbr={f.abbr} /> {f.name}
          </li>
        ))}
      </ul>
      <p className="mlegend__note">Colour marks a failure or none; shapes and letters say the same without colour. Click a cell to open its run on the timeline.</p>
    </section>
  );
}
