import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { findingKey, type MitigationCost, type ReviewDecision, type TradeoffResult, type TradeoffRow } from '../../../engine/index.ts';
import { HOSTILE } from '../../testing/hostile-strings.ts';
import { TradeoffTable } from './TradeoffTable.tsx';

const key = (over: Partial<ReviewDecision>) => findingKey({ attack: 'passive-eavesdrop', place: 'r1', location: 'on-path', capability: 'eavesdropper', window: null, failure: 'eavesdrop-data', ...over });
const eavesdrop = key({});
const keys = key({ failure: 'key-compromise' });
const flood = key({ attack: 'syn-flood-amplification', place: 'off-path', location: 'off-path', capability: 'active', failure: 'resource-exhaustion' });
const reset = key({ attack: 'blind-reset', capability: 'active', failure: 'connection-dos' });
const joinDos = key({ attack: 'syn-flood-amplification', place: 'off-path', location: 'off-path', capability: 'active', failure: 'join-dos' });

const cost = (over: Partial<MitigationCost> = {}): MitigationCost => ({ hashPerConnection: 120, hashPerJoin: 6, stateBytesPerConnection: 96, stateBytesPerJoin: 64, wireBytes: 1_048_576, joinsBroken: 0, natCompatible: true, ...over });
const all = [eavesdrop, keys, flood, reset];
const row = (mitigations: TradeoffRow['mitigations'], kinds: TradeoffRow['kinds'], stopped: string[], c: Partial<MitigationCost> = {}, added: string[] = []): TradeoffRow => ({ mitigations, kinds, cost: cost(c), stopped, remaining: all.filter((k) => !stopped.includes(k)), added });

const cheapest = row(['tls', 'dh-keys', 'stateless-join'], ['cheapest'], [eavesdrop, keys, flood], { hashPerConnection: 180, stateBytesPerJoin: 0 });
const result: TradeoffResult = {
  scenario: 'two-path-v1',
  version: 'abc',
  rows: [
    row([], ['defaults'], []),
    row(['tls'], ['alone'], [eavesdrop], { hashPerConnection: 160, wireBytes: 1_060_000 }),
    row(['half-open-limit'], ['alone'], [], {}, [joinDos]),
    row(['address-bound-join-hmac'], ['alone'], [], { joinsBroken: 1, natCompatible: false }),
    row(['tls', 'dh-keys', 'stateless-join', 'half-open-limit', 'address-bound-join-hmac'], ['all'], [eavesdrop, keys, flood], { hashPerConnection: 260, hashPerJoin: null, stateBytesPerJoin: null, joinsBroken: 2, natCompatible: false }, [joinDos]),
    cheapest,
  ],
  stoppable: [eavesdrop, keys, flood],
  unstoppable: [reset],
  cheapest,
  setsSearched: 37,
};

const table = () => screen.getByRole('table');
/** A set's row, by its row header: the set, then its kinds. */
const rowOf = (name: RegExp | string) => within(table()).getByRole('rowheader', { name }).closest('tr')!;
const cells = (r: HTMLElement) => within(r).getAllByRole('cell').map((c) => c.textContent);

describe('TradeoffTable', () => {
  it('before computing: a button that starts it, and no table', () => {
    const onCompute = vi.fn();
    render(<TradeoffTable result={null} running={false} onCompute={onCompute} />);
    expect(screen.queryByRole('table')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Compute trade-offs' }));
    expect(onCompute).toHaveBeenCalledTimes(1);
  });

  it('while computing: the button waits, the progress names the phase, and Cancel stops it', () => {
    let cancelled = 0;
    render(<TradeoffTable result={null} running progress={{ done: 3, total: 12, phase: 'effect' }} onCompute={() => {}} onCancel={() => cancelled++} />);
    expect((screen.getByRole('button', { name: 'Computing…' }) as HTMLButtonElement).disabled).toBe(true);
    const bar = screen.getByRole('progressbar', { name: 'Trade-off progress' }) as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([3, 12]);
    expect(screen.getByText('Re-running the map under each set: 3 of 12 runs')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancelled).toBe(1);
  });

  it('shows every set with its measured costs in the units its headers name, the cheapest one marked and stated', () => {
    render(<TradeoffTable result={result} running={false} onCompute={() => {}} />);
    const headers = within(table()).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Mitigation set', 'Hash ops per connection (SHA + cipher blocks)', 'Hash ops per join (SHA + cipher blocks)', 'State per connection (bytes)', 'State per join (bytes)', 'On the wire (bytes)', 'NAT', 'Stopped (findings)', 'Remaining (findings)', 'Added (failures)']);
    expect(within(table()).getAllByRole('row')).toHaveLength(1 + result.rows.length);

    expect(cells(rowOf('Version defaults only Defaults'))).toEqual(['120', '6', '96', '64', '1,048,576', 'Compatible', '0', '4', '0']);
    expect(cells(rowOf('TLS Alone'))).toEqual(['160', '6', '96', '64', '1,060,000', 'Compatible', '1', '3', '0']);
    // Address-bound join HMACs break the NAT's joins: said in words, not colour only.
    expect(cells(rowOf('Address-bound join HMAC Alone'))[5]).toBe('Breaks 1 join');
    const allRow = rowOf(/ All$/);
    expect(cells(allRow)).toEqual(['260', 'no join', '96', 'no join', '1,048,576', 'Breaks 2 joins', '3', '1', '1']);

    const best = rowOf('TLS + DH keys (what-if) + Stateless join Cheapest');
    expect(best.className).toContain('tradeoffs__row--cheapest');
    expect(table().querySelectorAll('.tradeoffs__row--cheapest')).toHaveLength(1);
    expect(screen.getByText('The cheapest set that stops every stoppable finding: TLS + DH keys (what-if) + Stateless join (180 hash operations per connection) (37 sets searched).')).toBeTruthy();

    const unstoppable = screen.getByRole('list', { name: 'Findings no set stops' });
    expect(within(unstoppable).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Connection denial of service: Reset injection at r1 (on-path active)']);
    const added = screen.getByRole('list', { name: 'Failures a set adds' });
    expect(within(added).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Half-open join limit: Join denial of service: SYN flood amplification off-path (off-path active)',
      'TLS + DH keys (what-if) + Stateless join + Half-open join limit + Address-bound join HMAC: Join denial of service: SYN flood amplification off-path (off-path active)',
    ]);
    expect(screen.getByRole('button', { name: 'Recompute trade-offs' })).toBeTruthy();
  });

  it('marks the cheapest set even when the result lists it only apart from its rows', () => {
    const apart = { ...cheapest, kinds: [] as TradeoffRow['kinds'] };
    render(<TradeoffTable result={{ ...result, rows: result.rows.slice(0, 2), cheapest: apart }} running={false} onCompute={() => {}} />);
    expect(within(table()).getAllByRole('row')).toHaveLength(4);
    expect(rowOf(/Cheapest$/).className).toContain('tradeoffs__row--cheapest');
  });

  it('says why there is no cheapest set', () => {
    const { rerender } = render(<TradeoffTable result={{ ...result, cheapest: null }} running={false} onCompute={() => {}} />);
    expect(screen.getByText('No set stops every stoppable finding (37 sets searched).')).toBeTruthy();
    expect(table().querySelector('.tradeoffs__row--cheapest')).toBeNull();
    rerender(<TradeoffTable result={{ ...result, cheapest: null, stoppable: [], rows: [result.rows[0]!] }} running={false} onCompute={() => {}} />);
    expect(screen.getByText("No set that keeps the scenario's joins working stops any finding of the map (37 sets searched).")).toBeTruthy();
    rerender(<TradeoffTable result={{ ...result, cheapest: result.rows[0]!, stoppable: [], unstoppable: [], rows: [result.rows[0]!] }} running={false} onCompute={() => {}} />);
    expect(screen.getByText('The surface map found nothing to stop.')).toBeTruthy();
    rerender(<TradeoffTable result={{ ...result, cheapest: result.rows[0]! }} running={false} onCompute={() => {}} />);
    expect(screen.getByText("The version's defaults already stop every stoppable finding (120 hash operations per connection).")).toBeTruthy();
  });

  it('says when the result is for an earlier scenario, and shows an error', () => {
    render(<TradeoffTable result={result} running={false} stale error="the worker stopped" onCompute={() => {}} />);
    expect(screen.getByText(/for an earlier version of the scenario/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('the worker stopped');
  });

  it('keeps hostile text in keys as text', () => {
    const { container } = render(<TradeoffTable result={{ ...result, unstoppable: [HOSTILE.imgOnerror!, `x/${HOSTILE.closeScript}/on-path/active/-/hijack`] }} running={false} onCompute={() => {}} />);
    expect(container.querySelector('img, script')).toBeNull();
    const items = within(screen.getByRole('list', { name: 'Findings no set stops' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(items[0]).toBe(HOSTILE.imgOnerror);
  });
});
