import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { makeStore, renderWithStore } from '../../testing/harness.tsx';
import { usePresenterKeys } from './use-presenter-keys.ts';
import { PresenterCaption } from './PresenterCaption.tsx';
import { PresenterControls } from './PresenterControls.tsx';
import { builtinLesson } from '../../../engine/index.ts';
import { newProgress } from '../../store/lesson-model.ts';
import { SHORTCUTS } from '../playback/shortcuts.ts';

function Keys() {
  usePresenterKeys();
  return <input aria-label="Typing here" />;
}

const press = (key: string, init: KeyboardEventInit = {}, target: Window | Element = window) => act(() => void fireEvent.keyDown(target, { key, ...init }));

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  document.querySelectorAll('dialog').forEach((d) => d.remove());
});

describe('presenter keys', () => {
  it('P toggles presenter mode; L, S and Esc act only while it is on', () => {
    const store = makeStore();
    renderWithStore(<Keys />, store);
    press('l');
    press('s');
    press('Escape');
    expect(store.getState().presenter).toEqual({ on: false, layout: 'side', laser: true });
    press('p');
    expect(store.getState().presenter.on).toBe(true);
    press('L');
    expect(store.getState().presenter.laser).toBe(false);
    press('s');
    expect(store.getState().presenter.layout).toBe('one');
    press('s');
    expect(store.getState().presenter.layout).toBe('side');
    // A view's digit shows that view alone.
    press('2');
    expect(store.getState().presenter.layout).toBe('one');
    press('Escape');
    expect(store.getState().presenter.on).toBe(false);
    press('P');
    press('p');
    expect(store.getState().presenter.on).toBe(false);
  });

  it('leaves the keys alone while typing, with a modifier, or when repeated', () => {
    const store = makeStore();
    renderWithStore(<Keys />, store);
    press('p', {}, screen.getByLabelText('Typing here'));
    press('p', { ctrlKey: true });
    press('p', { metaKey: true });
    press('p', { repeat: true });
    expect(store.getState().presenter.on).toBe(false);
  });

  it('lets an open dialog take Esc', () => {
    const store = makeStore();
    renderWithStore(<Keys />, store);
    press('p');
    const dialog = document.createElement('dialog');
    dialog.setAttribute('open', '');
    document.body.append(dialog);
    press('Escape');
    expect(store.getState().presenter.on).toBe(true);
    dialog.remove();
    press('Escape');
    expect(store.getState().presenter.on).toBe(false);
  });

  it('asks for full screen and stays on when the browser refuses', async () => {
    const store = makeStore();
    const request = vi.fn(() => Promise.reject(new TypeError('Permissions check failed')));
    Object.defineProperty(document.documentElement, 'requestFullscreen', { value: request, configurable: true });
    renderWithStore(<Keys />, store);
    press('p');
    await act(async () => {
      await Promise.resolve();
    });
    expect(request).toHaveBeenCalledTimes(1);
    expect(store.getState().presenter.on).toBe(true);
    Reflect.deleteProperty(document.documentElement, 'requestFullscreen');
  });

  it('leaves presenter mode when the full screen it entered ends', async () => {
    const store = makeStore();
    let full: Element | null = null;
    Object.defineProperty(document, 'fullscreenElement', { get: () => full, configurable: true });
    Object.defineProperty(document.documentElement, 'requestFullscreen', {
      value: () => {
        full = document.documentElement;
        return Promise.resolve();
      },
      configurable: true,
    });
    renderWithStore(<Keys />, store);
    press('p');
    await act(async () => {
      await Promise.resolve();
    });
    expect(store.getState().presenter.on).toBe(true);
    full = null;
    act(() => void document.dispatchEvent(new Event('fullscreenchange')));
    expect(store.getState().presenter.on).toBe(false);
    Reflect.deleteProperty(document.documentElement, 'requestFullscreen');
    Reflect.deleteProperty(document, 'fullscreenElement');
  });

  it('are in the ? list', () => {
    const keys = SHORTCUTS.map((s) => s.keys.join('+'));
    expect(keys).toEqual(expect.arrayContaining(['P', 'S', 'L']));
  });
});

describe('presenter controls and caption', () => {
  it('Present is a pressed switch; the layout and laser switches show while presenting', () => {
    const store = makeStore();
    renderWithStore(<PresenterControls />, store);
    const present = screen.getByRole('button', { name: 'Present' });
    expect(present.getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Side by side' })).toBeNull();
    act(() => present.click());
    expect(store.getState().presenter.on).toBe(true);
    expect(present.getAttribute('aria-pressed')).toBe('true');
    act(() => screen.getByRole('button', { name: 'One view' }).click());
    expect(store.getState().presenter.layout).toBe('one');
    expect(screen.getByRole('button', { name: 'One view' }).getAttribute('aria-pressed')).toBe('true');
    act(() => screen.getByRole('button', { name: 'Laser' }).click());
    expect(store.getState().presenter.laser).toBe(false);
  });

  it('captions the lesson step on screen, and nothing without a lesson', () => {
    const store = makeStore();
    renderWithStore(<PresenterCaption />, store);
    expect(screen.queryByRole('region', { name: 'Lesson step' })).toBeNull();
    const lesson = builtinLesson('add-addr-hijack')!;
    act(() => store.setState({ lesson: { lesson, source: 'builtin', progress: { ...newProgress(), step: 1 }, check: null, entering: false } }));
    const caption = screen.getByRole('region', { name: 'Lesson step' });
    expect(screen.getByRole('heading').textContent).toBe(lesson.steps[1]!.title);
    expect(caption.textContent).toContain('Mallory is an active attacker on path');
  });
});
