/**
 * The nine attacker-class columns of the matrix, in table order. They mirror
 * the engine's MATRIX_CLASSES (src/engine/runner/matrix.ts), kept here so the
 * view does not pull the matrix runner into the main bundle; classes.test.ts
 * checks that the two never drift apart.
 */
import type { AttackerCapability, AttackerLocation, MatrixRow } from '../../../engine/index.ts';

export type MatrixWindow = 'handshake' | 'join' | 'data';

export interface MatrixColumn {
  location: AttackerLocation;
  capability: AttackerCapability;
  window: MatrixWindow | null;
}

export const MATRIX_COLUMNS: readonly MatrixColumn[] = [
  { location: 'off-path', capability: 'active', window: null },
  { location: 'partial-time-on-path', capability: 'eavesdropper', window: 'handshake' },
  { location: 'partial-time-on-path', capability: 'active', window: 'handshake' },
  { location: 'partial-time-on-path', capability: 'eavesdropper', window: 'join' },
  { location: 'partial-time-on-path', capability: 'active', window: 'join' },
  { location: 'partial-time-on-path', capability: 'eavesdropper', window: 'data' },
  { location: 'partial-time-on-path', capability: 'active', window: 'data' },
  { location: 'on-path', capability: 'eavesdropper', window: null },
  { location: 'on-path', capability: 'active', window: null },
];

const LOCATION_TEXT: Record<AttackerLocation, string> = {
  'off-path': 'off-path',
  'partial-time-on-path': 'partial-time',
  'on-path': 'on-path',
};

/** "off-path active", "partial-time eavesdropper (handshake)", … */
export function columnLabel(c: MatrixColumn): string {
  const who = `${LOCATION_TEXT[c.location]} ${c.capability}`;
  return c.window ? `${who} (${c.window})` : who;
}

/** The column a row belongs to, or -1 for a class the table does not show. */
export function columnOf(row: Pick<MatrixRow, 'location' | 'capability' | 'window'>): number {
  return MATRIX_COLUMNS.findIndex((c) => c.location === row.location && c.capability === row.capability && c.window === row.window);
}
