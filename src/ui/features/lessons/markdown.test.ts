import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, plainText, rfcHref } from './markdown.ts';
import { HOSTILE } from '../../testing/hostile-strings.ts';

describe('lesson Markdown', () => {
  it('reads paragraphs, lists and the inline kinds', () => {
    expect(parseMarkdown('A **bold** and *em* `code` [doc](https://example.org/x).\n\n- one\n- two')).toEqual([
      { kind: 'p', inlines: [{ kind: 'text', text: 'A ' }, { kind: 'strong', text: 'bold' }, { kind: 'text', text: ' and ' }, { kind: 'em', text: 'em' }, { kind: 'text', text: ' ' }, { kind: 'code', text: 'code' }, { kind: 'text', text: ' ' }, { kind: 'link', text: 'doc', href: 'https://example.org/x' }, { kind: 'text', text: '.' }] },
      { kind: 'ul', items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two' }]] },
    ]);
  });

  it('links RFC references to the section', () => {
    expect(parseInline('see RFC 8684 §3.4.1 and RFC 6181')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'RFC 8684 §3.4.1', href: 'https://www.rfc-editor.org/rfc/rfc8684#section-3.4.1' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'RFC 6181', href: rfcHref('6181') },
    ]);
  });

  it('never makes a link of anything but https, and keeps markup as text', () => {
    for (const h of [...Object.values(HOSTILE), '[x](javascript:alert(1))', '[x](data:text/html,hi)']) {
      const links = parseMarkdown(h).flatMap((b) => (b.kind === 'p' ? [b.inlines] : b.items).flat()).filter((i) => i.kind === 'link');
      for (const l of links) expect(l.kind === 'link' && l.href).toMatch(/^https:\/\//);
    }
    expect(plainText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});
