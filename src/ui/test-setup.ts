// jsdom setup for UI tests.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// jsdom has no layout: elements measure 0 and scrollIntoView is missing.
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => {};
