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
      'partial-time eavesdropper (join)',
      'partial-time active (join)',
      'partial-time eavesdropper (data)',
      'partial-time active (data)',
      'on-path eavesdropper',
      'on-path active',
    ]);
  });

  it('finds the column of a row', () => {
    expect(columnOf({ location: 'partial-time-on-path', capability: 'active', window: 'join' })).toBe(4);
    expect(columnOf({ location: 'partial-time-on-path', capability: 'active', window: 'data' })).toBe(6);
    expect(columnOf({ location: 'on-path', capability: 'active', window: null })).toBe(8);
    expect(columnOf({ location: 'on-path', capability: 'active', window: 'data' })).toBe(-1);
  });
});
