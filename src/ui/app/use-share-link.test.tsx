import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinScenario } from '../../engine/index.ts';
import { MAX_SHARE_LINK_BYTES } from '../lib/share-link.ts';
import { makeStore, renderWithStore, until } from '../testing/harness.tsx';
import { App } from './App.tsx';

afterEach(() => {
  localStorage.clear();
  window.history.replaceState(null, '', '/');
});

/** Text deflate cannot shrink much (a seeded generator: the same every run). */
function noise(length: number, seed = 1): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += String.fromCharCode(33 + ((x >>> 16) % 94));
  }
  return out;
}

async function open(scenario: object) {
  const store = makeStore();
  renderWithStore(<App />, store);
  await act(() => store.getState().openScenarioText(JSON.stringify(scenario), 'mine.json'));
  await act(() => until(store, (s) => s.simulation !== null || s.error !== null, 15_000));
  expect(store.getState().error).toBeNull();
  // The link is written once the scenario is packed (asynchronously).
  await act(() => new Promise((r) => setTimeout(r, 200)));
  return store;
}

describe('the share link in the address', () => {
  it('carries an edited scenario that fits', async () => {
    await open({ ...builtinScenario('two-path-v1')!, title: 'Mine' });
    expect(window.location.search).toMatch(/^\?doc=/);
    expect(window.location.href.length).toBeLessThanOrEqual(MAX_SHARE_LINK_BYTES);
    expect(screen.getByRole('button', { name: 'Copy share link' })).toBeTruthy();
  });

  it('is never written over the limit: the address names nothing and the share button offers the file', async () => {
    await open({ ...builtinScenario('two-path-v1')!, title: 'Big', description: noise(4000), ui: { notes: noise(12_000, 7) } });
    expect(window.location.search).toBe('');
    expect(screen.queryByRole('button', { name: 'Copy share link' })).toBeNull();
    const button = screen.getByRole('button', { name: 'Download scenario file' });
    expect(button.getAttribute('title')).toMatch(/too big for a share link \(\d+\.\d KB, over 8\.0 KB/);
    expect(screen.getByRole('status', { name: 'Share link' }).textContent).toBe('Too big for a link');
  });
});
