import type { BadgeShape, FailureLook } from './failure-icons.ts';

const SHAPES: Record<BadgeShape, string> = {
  circle: 'M12 1.5a8.5 8.5 0 1 1 0 17a8.5 8.5 0 1 1 0-17z',
  square: 'M3.5 1.5h17v17h-17z',
  diamond: 'M12 0.8L23.2 10L12 19.2L0.8 10z',
  triangle: 'M12 0.8L23.2 19.2H0.8z',
};

interface ShapeProps {
  shape: BadgeShape;
  abbr?: string;
  /** Bold outline and a dot. */
  specific?: boolean;
}

/** The drawing of a badge: a shape, an abbreviation in it, and the MPTCP-specific dot. */
export function BadgeShapeIcon({ shape, abbr = '', specific = false }: ShapeProps) {
  return (
    <svg className={specific ? 'fbadge fbadge--specific' : 'fbadge'} viewBox="0 0 24 20" aria-hidden="true" focusable="false">
      <path className="fbadge__shape" d={SHAPES[shape]} />
      {abbr && (
        <text className="fbadge__text" x="12" y={shape === 'triangle' ? 16.6 : 13} textAnchor="middle">
          {abbr}
        </text>
      )}
      {specific && <circle className="fbadge__dot" cx="21.5" cy="2.5" r="2.5" />}
    </svg>
  );
}

interface Props {
  look: FailureLook;
  /** MPTCP's own failure (single-path TCP did not suffer it). */
  specific: boolean;
}

/** A failure as a small icon: its abbreviation in the shape of its STRIDE category, its name in the title. */
export function FailureBadge({ look, specific }: Props) {
  return (
    <span className="fbadge-wrap" title={`${look.name} (${look.stride}${specific ? ', MPTCP-specific' : ''})`} data-failure={look.id} data-specific={specific || undefined}>
      <BadgeShapeIcon shape={look.shape} abbr={look.abbr} specific={specific} />
    </span>
  );
}
