/**
 * How the map paints a place: by its worst failure's severity, or as
 * defended, not attempted, or not run. Each look has a colour, a dash
 * pattern and a glyph, so that colour is never the only cue; "not
 * attempted" (no attacker there could act) never looks like "defended".
 */
import { failureInfo, type PlaceSummary } from '../../../engine/index.ts';

export type PaintLook = 'high' | 'medium' | 'low' | 'defended' | 'not-attempted' | 'not-run';

export interface LookInfo {
  look: PaintLook;
  /** One character drawn in the place's badge. */
  glyph: string;
  /** The legend's name for it. */
  name: string;
  /** What it means, in the legend. */
  meaning: string;
}

/** In the legend's order, worst first. */
export const LOOKS: readonly LookInfo[] = [
  { look: 'high', glyph: 'H', name: 'High', meaning: 'spoofing or tampering (or MPTCP-specific disclosure)' },
  { look: 'medium', glyph: 'M', name: 'Medium', meaning: 'disclosure (or MPTCP-specific denial of service)' },
  { look: 'low', glyph: 'L', name: 'Low', meaning: 'denial of service' },
  { look: 'defended', glyph: '✓', name: 'Defended', meaning: 'attackers acted, no failure' },
  { look: 'not-attempted', glyph: '?', name: 'Not attempted', meaning: 'no attacker could act: unknown, not defended' },
  { look: 'not-run', glyph: '–', name: 'Not run', meaning: 'no row ran here (yet, or all skipped)' },
];

const BY_LOOK = new Map(LOOKS.map((l) => [l.look, l]));

export function lookInfo(look: PaintLook): LookInfo {
  return BY_LOOK.get(look)!;
}

export function lookOf(p: Pick<PlaceSummary, 'verdict' | 'worst'>): PaintLook {
  if (p.verdict === 'failure' && p.worst) return p.worst.severity;
  return p.verdict === 'failure' ? 'high' : p.verdict;
}

export interface PlacePaint {
  look: PaintLook;
  glyph: string;
  /** What the place's badge says to a screen reader and in its tooltip. */
  label: string;
}

const placeName = (p: Pick<PlaceSummary, 'id' | 'kind'>) => (p.kind === 'off-path' ? 'Off-path' : `${p.kind === 'link' ? 'Link' : 'Router'} ${p.id}`);

/** "Link client-r1 — high: Connection hijack (MPTCP-specific), 12 of 40 rows with failures". */
export function placePaint(p: PlaceSummary): PlacePaint {
  const look = lookOf(p);
  const info = lookInfo(look);
  const counts = `${p.rowsWithFailures} of ${p.rows} ${p.rows === 1 ? 'row' : 'rows'} with failures`;
  let what: string;
  if (p.worst) what = `${info.name.toLowerCase()}: ${failureInfo(p.worst.failure).name}${p.worst.mptcpSpecific ? ' (MPTCP-specific)' : ''}, ${counts}`;
  else if (look === 'defended') what = `defended: ${p.rowsAttempted} of ${p.rows} rows attempted, no failure`;
  else if (look === 'not-attempted') what = `not attempted: no attacker in its ${p.rows} ${p.rows === 1 ? 'row' : 'rows'} could act`;
  else what = 'not run';
  return { look, glyph: info.glyph, label: `${placeName(p)} — ${what}` };
}

export function paintMap(places: readonly PlaceSummary[]): Map<string, PlacePaint> {
  return new Map(places.map((p) => [p.id, placePaint(p)]));
}
