import { fireEvent, render, screen } from '@testing-library/react';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { TimelineData } from '../../../engine/index.ts';
import { NO_FILTER } from './ladder-model.ts';
import { TimelineToolbar } from './TimelineToolbar.tsx';

const timeline = (subflows: number) => ({ subflows: Array.from({ length: subflows }, (_, k) => ({ label: `10.0.0.${k}:1 ⇄ 10.0.1.1:80`, firstFrame: k + 1 })) }) as unknown as TimelineData;

function renderBar(subflows: number, follow = true, onFollow = () => {}) {
  const onFilter = vi.fn();
  render(
    <TimelineToolbar t={timeline(subflows)} filter={NO_FILTER} onFilter={onFilter} view={{ t0: 0, t1: 1000 }} onZoom={() => {}} onFit={() => {}} follow={follow} onFollow={onFollow} ladderRef={createRef()} dsnRef={createRef()} ladderScene={createRef()} dsnScene={createRef()} />,
  );
  return onFilter;
}

describe('the timeline toolbar', () => {
  it('gives the first six subflows a chip each and the rest one chip that hides them together', () => {
    const onFilter = renderBar(10);
    const list = screen.getByRole('list', { name: 'Subflows (click to hide or show)' });
    expect(list.querySelectorAll('button')).toHaveLength(7);
    fireEvent.click(screen.getByRole('button', { name: '+4 more' }));
    expect([...(onFilter.mock.calls[0]![0] as { hiddenSubflows: Set<number> }).hiddenSubflows]).toEqual([6, 7, 8, 9]);
  });

  it('hides one subflow by its chip', () => {
    const onFilter = renderBar(2);
    fireEvent.click(screen.getByRole('button', { name: 'SF2' }));
    expect([...(onFilter.mock.calls[0]![0] as { hiddenSubflows: Set<number> }).hiddenSubflows]).toEqual([1]);
    expect(screen.queryByRole('button', { name: /more$/ })).toBeNull();
  });

  it('shows whether the window follows the moment, and switches it', () => {
    const onFollow = vi.fn();
    renderBar(1, false, onFollow);
    const follow = screen.getByRole('button', { name: 'Follow the moment' });
    expect(follow.getAttribute('aria-pressed')).toBe('false');
    expect(follow.title).toMatch(/\(F\)/);
    fireEvent.click(follow);
    expect(onFollow).toHaveBeenCalledTimes(1);
  });
});
