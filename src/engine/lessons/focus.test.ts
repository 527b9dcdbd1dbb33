import { describe, expect, it } from 'vitest';
import { MARK, type TimelineData } from '../runner/timeline-codes.ts';
import { focusTarget } from './focus.ts';

describe('focusTarget', () => {
  const t = { count: 4, marks: Uint16Array.from([MARK.SYN, MARK.ADD_ADDR, 0, MARK.ADD_ADDR]), attacker: Int16Array.from([-1, -1, 0, 0]), startUs: Float64Array.from([1, 2, 3, 4]), endUs: Float64Array.from([11, 12, 13, 14]) } as unknown as TimelineData;
  it('finds the nth packet with an option, or from an attacker, at the moment it arrived', () => {
    expect(focusTarget({ at: 'option', option: 'ADD_ADDR', nth: 2 }, t, [])).toEqual({ us: 9, frame: 4 });
    expect(focusTarget({ at: 'option', option: 'MP_JOIN', nth: 1 }, t, [])).toBeNull();
    expect(focusTarget({ at: 'attacker-packet', nth: 1 }, t, [])).toEqual({ us: 8, frame: 3 });
    const dss = { ...t, marks: Uint16Array.from([0, MARK.DATA_ACK, MARK.DSS_MAP, 0]) } as TimelineData;
    expect(focusTarget({ at: 'option', option: 'DSS', nth: 2 }, dss, [])).toEqual({ us: 8, frame: 3 });
  });
  it('a failure: its time and first evidence packet; a time: just the moment', () => {
    expect(focusTarget({ at: 'failure', failure: 'hijack' }, t, [{ id: 'hijack', timeUs: 99, frames: [7, 8] }])).toEqual({ us: 99, frame: 7 });
    expect(focusTarget({ at: 'failure', failure: 'mitm' }, t, [])).toBeNull();
    expect(focusTarget({ at: 'time', us: 5 }, null, [])).toEqual({ us: 5, frame: null });
  });
});

