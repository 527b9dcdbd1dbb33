import { describe, expect, it } from 'vitest';
import { MATRIX_CLASSES } from '../../../engine/index.ts';
import { MATRIX_COLUMNS, columnLabel, columnOf } from './classes.ts';

describe('matrix class columns', () => {
  it('mirror the engine MATRIX_CLASSES, in order', () => {
    expect(MATRIX_COLUMNS).toEqual(MATRIX_CLASSES);
  });

  it('are labelled by location, capability and window', () => {
    expect(MATRIX_COLUMNS.map(columnLabel)).toEqual([
      'off-path active',
      'partial-time eavesdropper (handshake)',
      'partial-time active (handshake)',
      'partial-time eavesdropper (later)',
      'partial-time active (later)',
      'on-path eavesdropper',
      'on-path active',
    ]);
  });

  it('finds the column of a row', () => {
    expect(columnOf({ location: 'partial-time-on-path', capability: 'active', window: 'later' })).toBe(4);
    expect(columnOf({ location: 'on-path', capability: 'active', window: null })).toBe(6);
    expect(columnOf({ location: 'on-path', capability: 'active', window: 'later' })).toBe(-1);
  });
});
