/**
 * The small Markdown of lesson text, parsed to data (never to HTML, so a
 * lesson from a link cannot inject markup): paragraphs, "- " lists,
 * **bold**, *italic*, `code`, [links](https://…) and RFC references
 * ("RFC 8684 §3.4.1"), which become links to the RFC's section.
 */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'em'; text: string }
  | { kind: 'link'; text: string; href: string };

export type Block = { kind: 'p'; inlines: Inline[] } | { kind: 'ul'; items: Inline[][] };

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\((https:\/\/[^\s)]+)\)|\bRFC (\d{3,5})(?: §(\d+(?:\.\d+)*))?/g;

/** The RFC Editor's page for an RFC, at a section when given. */
export function rfcHref(rfc: string, section?: string): string {
  return `https://www.rfc-editor.org/rfc/rfc${rfc}${section ? `#section-${section}` : ''}`;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'strong', text: m[2] });
    else if (m[3] !== undefined) out.push({ kind: 'em', text: m[3] });
    else if (m[4] !== undefined) out.push({ kind: 'link', text: m[4], href: m[5]! });
    else out.push({ kind: 'link', text: m[0], href: rfcHref(m[6]!, m[7]) });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of source.split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.every((l) => /^\s*- /.test(l))) blocks.push({ kind: 'ul', items: lines.map((l) => parseInline(l.replace(/^\s*- /, ''))) });
    else blocks.push({ kind: 'p', inlines: parseInline(lines.join(' ')) });
  }
  return blocks;
}

/** The text without markup (captions, handouts' alt text). */
export function plainText(source: string): string {
  return parseMarkdown(source)
    .map((b) => (b.kind === 'p' ? [b.inlines] : b.items).map((inl) => inl.map((i) => i.text).join('')).join('\n'))
    .join('\n\n');
}
