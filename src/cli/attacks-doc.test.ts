/**
 * docs/attacks.md quotes `lab matrix`'s tables and mitigation summary; this
 * keeps the quote true: a change in any outcome fails here until the
 * document (and its explanations) are brought up to date.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

const doc = readFileSync(new URL('../../docs/attacks.md', import.meta.url), 'utf8');
const trim = (t: string) => t.split('\n').map((l) => l.trimEnd()).join('\n').trim();

/** The contents of the document's fenced code blocks. */
function fenced(md: string): string[] {
  const blocks: string[] = [];
  let open: string[] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('```')) {
      if (open) blocks.push(open.join('\n'));
      open = open ? null : [];
    } else open?.push(line);
  }
  return blocks;
}

describe('docs/attacks.md', () => {
  it('quotes the full default matrix as lab matrix prints it today', { timeout: 120_000 }, async () => {
    const out: string[] = [];
    expect(await main(['matrix'], { out: (t) => out.push(t), err: () => {} })).toBe(0);
    const printed = out.join('\n');
    const blocks = fenced(doc).map(trim).filter((b) => b.startsWith('attack ') || b.startsWith('What each mitigation'));
    expect(blocks).toHaveLength(3);
    for (const b of blocks) expect(trim(printed)).toContain(b);
  });
});
