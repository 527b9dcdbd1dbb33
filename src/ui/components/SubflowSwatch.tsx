import { subflowColour, subflowDash } from '../lib/palette.ts';

/** A subflow's key: its colour drawn with its dash pattern, as its arrows and paths are drawn. */
export function SubflowSwatch({ index, className }: { index: number; className?: string }) {
  return (
    <svg className={className} width="22" height="8" viewBox="0 0 22 8" aria-hidden="true" data-dash={subflowDash(index).join(' ')}>
      <line x1="0" y1="4" x2="22" y2="4" stroke={subflowColour(index)} strokeWidth="3" strokeDasharray={subflowDash(index).join(' ') || undefined} />
    </svg>
  );
}
