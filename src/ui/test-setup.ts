// jsdom setup for UI tests.
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { authoringStore } from './features/lessons/authoring/authoring-store.ts';
import { emptyAuthoredLesson } from './features/lessons/authoring/authoring-doc.ts';
import { setShareLinkStatus } from './lib/share-link-status.ts';

// Files share one module graph and one page per worker (vite.config.ts): leave nothing mounted, mocked,
// stored or authored behind (a lesson being written would open its panel in the next file's app; a scenario
// too big for a link would turn the next file's Copy share link into Download scenario file).
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  authoringStore().setState({ open: false, lesson: emptyAuthoredLesson() });
  localStorage.clear();
  setShareLinkStatus({ kind: 'none' });
});

// jsdom has no layout: elements measure 0 and scrollIntoView is missing.
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => {};
