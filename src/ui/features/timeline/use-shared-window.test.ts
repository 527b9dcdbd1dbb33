import { describe, expect, it } from 'vitest';
import { windowFor } from './use-shared-window.ts';

describe('the timeline window a share link or another visit left', () => {
  it('is shown for the run it was set on, or for any run when a link set it', () => {
    expect(windowFor({ t0: 10, t1: 20, endUs: 350 }, 350)).toEqual({ t0: 10, t1: 20, endUs: 350 });
    expect(windowFor({ t0: 10, t1: 20 }, 350)).toEqual({ t0: 10, t1: 20 });
  });
  it('is not carried over to another run, and an empty one is none', () => {
    expect(windowFor({ t0: 10, t1: 20, endUs: 900 }, 350)).toBeNull();
    expect(windowFor({ t0: 20, t1: 20 }, 350)).toBeNull();
    expect(windowFor(null, 350)).toBeNull();
  });
});
