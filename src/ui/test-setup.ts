// jsdom setup for UI tests.
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Files share one module graph per worker (vite.config.ts): leave nothing mounted or mocked behind.
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

// jsdom has no layout: elements measure 0 and scrollIntoView is missing.
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => {};
