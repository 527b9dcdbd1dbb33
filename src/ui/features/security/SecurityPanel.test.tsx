import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { SecurityPanel } from './SecurityPanel.tsx';

describe('SecurityPanel hover linking', () => {
  it('lights a failure and its summary badge while one of its evidence frames is hovered anywhere, and hovering a frame number names it to the other views', async () => {
    const store = makeStore();
    renderWithStore(<SecurityPanel />, store);
    await act(() => store.getState().simulate('attack-add-addr-hijack-v0'));
    const failure = store.getState().simulation!.failures.find((f) => f.frames.length > 0)!;
    const item = screen.getByTestId('failures').querySelector(`[data-failure="${failure.id}"]`) as HTMLElement;
    expect(item.dataset.lit).toBe('false');

    act(() => store.getState().hoverFrame(failure.frames[0]!));
    expect(item.dataset.lit).toBe('true');
    const badge = within(screen.getByLabelText('Failures in this run')).getByText(failure.name).closest('.badge')!;
    expect(badge.classList.contains('status--lit')).toBe(true);
    act(() => store.getState().hoverFrame(null));
    expect(item.dataset.lit).toBe('false');
    expect(badge.classList.contains('status--lit')).toBe(false);

    const link = within(item).getAllByRole('button', { name: `#${failure.frames[0]}` })[0]!;
    fireEvent.mouseEnter(link);
    expect(store.getState().hoveredFrame).toBe(failure.frames[0]);
    fireEvent.mouseLeave(link);
    expect(store.getState().hoveredFrame).toBeNull();
  });
});
