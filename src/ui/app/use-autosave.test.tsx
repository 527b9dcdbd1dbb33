import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinScenario } from '../../engine/index.ts';
import { makeStore, renderWithStore, until } from '../testing/harness.tsx';
import { App } from './App.tsx';
import { AUTOSAVE_KEY, SET_ASIDE_KEY } from './use-autosave.ts';

afterEach(() => {
  localStorage.clear();
  // A restored run writes its share link into the address: the next test opens without one.
  window.history.replaceState(null, '', '/');
});

async function openWith(saved: string) {
  localStorage.setItem(AUTOSAVE_KEY, saved);
  const store = makeStore();
  renderWithStore(<App />, store);
  return store;
}

describe('restoring saved work', () => {
  for (const [what, saved] of [
    ['an empty draft', '{"draft":{}}'],
    ['a draft with hosts that are not a list', JSON.stringify({ draft: { ...builtinScenario('two-path-v1')!, hosts: {} } })],
    ['an array', '[1,2]'],
    ['text that is not JSON', '{"draft": '],
  ] as const) {
    it(`sets aside ${what}: the lab starts clean, says why, and keeps the text to download`, async () => {
      const store = await openWith(saved);
      await until(store, (s) => s.error !== null);
      expect(screen.getByRole('heading', { level: 2, name: 'See what attackers can do to Multipath TCP' })).toBeTruthy();
      const alert = screen.getByRole('alert');
      expect(alert.textContent).toContain('Your saved work could not be restored');
      expect(alert.textContent).toContain('SAVED_WORK_SET_ASIDE');
      expect(screen.getByRole('button', { name: 'Download the saved work' })).toBeTruthy();
      expect(store.getState().draft).toBeNull();
      expect(localStorage.getItem(SET_ASIDE_KEY)).toBe(saved);
      expect(localStorage.getItem(AUTOSAVE_KEY)).toBeNull();
    });
  }

  it('brings back a draft saved without its mptcp settings, with the defaults filled in as for any file', async () => {
    const store = await openWith(JSON.stringify({ draft: { ...builtinScenario('two-path-v1')!, title: 'No mptcp', mptcp: undefined } }));
    await act(() => until(store, (s) => s.draft !== null || s.error !== null));
    expect(store.getState().error).toBeNull();
    expect(store.getState().draft!.title).toBe('No mptcp');
    expect(store.getState().draft!.mptcp).toBeTruthy();
  });

  it('brings back valid saved work, dropping a base that does not check out', async () => {
    const draft = { ...builtinScenario('two-path-v1')!, title: 'Mine' };
    const store = await openWith(JSON.stringify({ draft, base: { id: 'no-such-builtin', scenario: { nope: 1 } }, savedAt: 'x' }));
    await act(() => until(store, (s) => s.draft !== null));
    expect(store.getState().draft!.title).toBe('Mine');
    expect(store.getState().draftBase).toBeNull();
    expect(store.getState().error).toBeNull();
    expect(localStorage.getItem(SET_ASIDE_KEY)).toBeNull();
  });
});

describe('saving work', () => {
  it('saves an edit at once, so a tab that crashes right after it loses nothing', async () => {
    const store = makeStore();
    renderWithStore(<App />, store);
    const draft = { ...builtinScenario('two-path-v1')!, title: 'Edited just now' };
    act(() => store.setState({ draft }));
    // No timer has run: the edit is already in storage.
    expect(JSON.parse(localStorage.getItem(AUTOSAVE_KEY)!).draft.title).toBe('Edited just now');
  });
});
