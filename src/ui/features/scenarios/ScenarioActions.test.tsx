import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { setShareLinkStatus } from '../../lib/share-link-status.ts';
import { ScenarioActions } from './ScenarioActions.tsx';

async function shown() {
  const store = makeStore();
  renderWithStore(<ScenarioActions />, store);
  await act(() => store.getState().simulate('two-path-v1'));
  return store;
}

afterEach(() => vi.unstubAllGlobals());

describe('Copy share link', () => {
  it('says the link was copied, then clears the word', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await shown();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy share link' })));
    expect(writeText).toHaveBeenCalledWith(window.location.href);
    expect(screen.getByRole('status', { name: 'Share link' }).textContent).toBe('Link copied');
    await act(async () => vi.advanceTimersByTime(3000));
    expect(screen.getByRole('status', { name: 'Share link' }).textContent).toBe('');
    vi.useRealTimers();
  });

  it('says so when the browser refuses the clipboard, pointing at the address bar', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) } });
    await shown();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy share link' })));
    expect(screen.getByRole('status', { name: 'Share link' }).textContent).toBe('Could not copy: the address bar has the link');
  });
});

describe('a scenario too big for a link', () => {
  afterEach(() => setShareLinkStatus({ kind: 'none' }));

  it('offers the scenario file instead of a link, and says why', async () => {
    await shown();
    act(() => setShareLinkStatus({ kind: 'too-long', bytes: 20_000 }));
    expect(screen.queryByRole('button', { name: 'Copy share link' })).toBeNull();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Download scenario file' })));
    expect(click).toHaveBeenCalledOnce();
    expect(screen.getByRole('status', { name: 'Share link' }).textContent).toBe('Too big for a link (19.5 KB, over 8.0 KB): send the file instead');
    click.mockRestore();
    act(() => setShareLinkStatus({ kind: 'link' }));
    expect(screen.getByRole('button', { name: 'Copy share link' })).toBeTruthy();
  });
});

describe('Export', () => {
  it('says what it is writing while a report re-runs the scenario, then that it saved it', async () => {
    const store = await shown();
    let finish: (v: null) => void = () => {};
    act(() => store.setState({ preventionOfDraft: () => new Promise<null>((r) => (finish = r)) }));
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => {} }));
    // The download's link click: jsdom cannot navigate.
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const summary = screen.getByText('Export ▾');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Report (Markdown)' })));
    expect(summary.textContent).toBe('Exporting Report (Markdown)…');
    expect(summary.getAttribute('aria-busy')).toBe('true');
    expect((screen.getByRole('button', { name: 'Report (HTML, printable)', hidden: true }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => finish(null));
    expect(summary.textContent).toBe('Export ▾');
    expect(screen.getByRole('status', { name: 'Export' }).textContent).toBe('Saved Report (Markdown)');
    expect(click).toHaveBeenCalledOnce();
    click.mockRestore();
  });
});
