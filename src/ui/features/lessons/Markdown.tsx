import type { ReactNode } from 'react';
import { parseMarkdown, type Inline } from './markdown.ts';

function renderInline(inlines: Inline[]): ReactNode[] {
  return inlines.map((i, k) => {
    switch (i.kind) {
      case 'text':
        return i.text;
      case 'code':
        return <code key={k}>{i.text}</code>;
      case 'strong':
        return <strong key={k}>{i.text}</strong>;
      case 'em':
        return <em key={k}>{i.text}</em>;
      case 'link':
        return (
          <a key={k} href={i.href} target="_blank" rel="noopener noreferrer">
            {i.text}
          </a>
        );
    }
  });
}

/** Lesson text: the small Markdown of markdown.ts, as React elements (never HTML). */
export function Markdown({ source, className }: { source: string; className?: string }) {
  return (
    <div className={className}>
      {parseMarkdown(source).map((b, k) =>
        b.kind === 'p' ? (
          <p key={k}>{renderInline(b.inlines)}</p>
        ) : (
          <ul key={k}>
            {b.items.map((item, j) => (
              <li key={j}>{renderInline(item)}</li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
