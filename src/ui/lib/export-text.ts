/**
 * Names and text from a scenario (titles, descriptions, host and attacker
 * labels: anything a file or a share link carries) written into an export,
 * escaped for that export's format. Each function gives text that reads as
 * the name in its format and can never become markup, a new line, a new
 * statement or a new table cell.
 *
 * What no export carries raw: control characters (C0 but tab, DEL, C1), line
 * and paragraph separators, bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069: they make a line read differently than it
 * is), lone surrogates and the noncharacters U+FFFE/U+FFFF (invalid in XML).
 * Each becomes U+FFFD, so it is seen, never obeyed.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const BREAKS = /\r\n|[\r\n\t]/g;

/** The replacement for anything unsafe: seen, never obeyed. */
export const REPLACEMENT = '\uFFFD';

/** Unsafe characters made visible; tabs and line breaks kept (for multi-line text). */
export function visible(s: string): string {
  return s.replace(UNSAFE, REPLACEMENT);
}

/** One line: line breaks and tabs become spaces, unsafe characters U+FFFD. */
export function oneLine(s: string): string {
  return visible(s.replace(BREAKS, ' '));
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a quoted attribute value. */
export function htmlText(s: string): string {
  return visible(s).replace(/[&<>"']/g, (c) => HTML[c]!);
}

/** Text for XML (SVG) content or a quoted attribute value: well-formed whatever the input (no character XML 1.0 forbids). */
export function xmlText(s: string): string {
  return htmlText(s).replace(/&#39;/g, '&apos;');
}

/**
 * A serialized XML document (XMLSerializer's output) made well formed:
 * XMLSerializer escapes markup characters but passes characters XML 1.0
 * forbids (most controls) through, which would make the file unreadable.
 */
export function xmlWellFormed(xml: string): string {
  return visible(xml);
}

/**
 * Text for one line of Markdown (CommonMark and GitHub's tables): read as
 * the same characters, never as emphasis, a link, a heading, a list, a
 * blockquote, HTML, an entity or a table cell. Backslash escapes are
 * CommonMark's: each renders as the character it escapes.
 */
export function mdText(s: string): string {
  const line = oneLine(s).replace(/^\s+/, '');
  const escaped = line
    .replace(/[\\`*[\]<>#|~&]/g, '\\$&')
    // `_` emphasises only at a word's edge (snake_case stays readable).
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_');
  // What starts a line could start a list, a heading underline or a numbered item.
  return escaped.replace(/^([-+=])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * A Markdown code span (as `text`): the text shown as is, in a fence of
 * backticks longer than any run inside. In a GitHub table cell a `|` still
 * ends the cell, even in code, so `inTable` escapes it (GitHub removes the
 * backslash).
 */
export function mdCode(s: string, inTable = false): string {
  let text = oneLine(s);
  if (inTable) text = text.replace(/\|/g, '\\|');
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Text for a Mermaid label (a participant's alias, a message, a note):
 * letters, digits, spaces and plain punctuation as they are; everything
 * else as Mermaid's entity code (`#35;` for #), which Mermaid shows as the
 * character and never reads as syntax: no `;` or line break starts a new
 * statement, no `%%` a comment, no `-->` or `->>` an arrow, no `<` a tag.
 */
export function mermaidText(s: string): string {
  const line = oneLine(s).trim();
  if (line === '') return '#32;';
  let out = '';
  for (const ch of line) {
    const safe = /^[\p{L}\p{N} .,_()/+=@!?*$€£]$/u.test(ch) && !/[\p{M}]/u.test(ch);
    out += safe ? ch : `#${ch.codePointAt(0)!};`;
  }
  return out;
}
