// jsdom setup for UI tests.
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { authoringStore } from './features/lessons/authoring/authoring-store.ts';
import { emptyAuthoredLesson } from './features/lessons/authoring/authoring-doc.ts';

// Files share one module graph and one page per worker (vite.config.ts): leave nothing mounted, mocked,
// stored or authored behind (a lesson being written would open its panel in the next file's app).
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  authoringStore().setState({ open: false, lesson: emptyAuthoredLesson() });
  localStorage.clear();
});

// jsdom has no layout: elements measure 0 and scrollIntoView is missing.
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => {};
