import { describe, expect, it } from 'vitest';
import { forTerminal } from './terminal-text.ts';

describe('forTerminal', () => {
  it('shows ANSI escapes, carriage returns, bells and C1 controls as \\xHH, and keeps newlines, tabs and other text', () => {
    expect(forTerminal('a\u001b[31mred\u001b[0m\r\u0007\u009b2J')).toBe('a\\x1b[31mred\\x1b[0m\\x0d\\x07\\x9b2J');
    expect(forTerminal('line 1\n\tline 2 · ADD_ADDR §3.4 — ok')).toBe('line 1\n\tline 2 · ADD_ADDR §3.4 — ok');
  });
});
