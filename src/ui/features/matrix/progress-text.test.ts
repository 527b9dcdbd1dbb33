import { describe, expect, it } from 'vitest';
import type { MatrixState } from '../../store/types.ts';
import { busyText, progressText } from './progress-text.ts';
import { defaultWorkers } from './workers.ts';

const state = (over: Partial<MatrixState>): MatrixState => ({ rows: [], total: 817, done: 412, workers: 2, running: true, startedAt: 1000, elapsedMs: null, error: null, busyMs: [], ...over });

describe('progress text', () => {
  it('says how long each worker was busy once the sweep is done', () => {
    expect(busyText(state({ running: false, elapsedMs: 4900, busyMs: [4100, 4650] }))).toBe('rows took 4.1 s, 4.7 s of worker time');
    expect(busyText(state({ busyMs: [4100] }))).toBe('');
  });

  it('counts rows and seconds while running', () => {
    expect(progressText(state({}), 4100)).toBe('412 of 817 rows · 3.1 s');
    expect(progressText(state({ total: 0, done: 0 }), 1200)).toBe('Planning the matrix · 0.2 s');
  });

  it('sums up a finished, failed or cancelled sweep', () => {
    expect(progressText(state({ running: false, done: 817, elapsedMs: 4900 }), 0)).toBe('817 rows in 4.9 s with 2 workers');
    expect(progressText(state({ running: false, done: 817, workers: 1, elapsedMs: 12_340 }), 0)).toBe('817 rows in 12.3 s with 1 worker');
    expect(progressText(state({ running: false, error: 'boom' }), 0)).toBe('Stopped at 412 of 817 rows');
    expect(progressText(state({ running: false }), 0)).toBe('Cancelled at 412 of 817 rows');
  });
});

describe('default workers', () => {
  it('is up to four, never more than the cores, and one of the choices', () => {
    expect(defaultWorkers(undefined)).toBe(2);
    expect(defaultWorkers(1)).toBe(1);
    expect(defaultWorkers(3)).toBe(2);
    expect(defaultWorkers(16)).toBe(4);
  });
});
