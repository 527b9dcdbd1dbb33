/**
 * The design-review report as one printable HTML page: the Markdown report's
 * content, with the topology drawn in (an inline SVG) and styles for print.
 * The Markdown's text (escaped by report.ts) is escaped again for HTML here:
 * a name is text in the page, never markup; the SVG is the serializer's,
 * whose text and attributes are escaped.
 */
import { htmlText as escape } from '../../lib/export-text.ts';

const PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * One line's inline Markdown: backslash escapes (CommonMark: `\#` is `#`),
 * code spans of any fence (`` a`b ``), and bold. All other text, markup
 * characters included, is escaped for HTML.
 */
function inline(s: string): string {
  let out = '';
  let strong = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length && PUNCTUATION.test(s[i + 1]!)) {
      out += escape(s[i + 1]!);
      i += 2;
    } else if (c === '`') {
      let n = 1;
      while (s[i + n] === '`') n++;
      const fence = '`'.repeat(n);
      // The closing fence is a run of exactly n backticks.
      let j = s.indexOf(fence, i + n);
      while (j >= 0 && s[j + n] === '`') {
        let k = j;
        while (s[k] === '`') k++;
        j = s.indexOf(fence, k);
      }
      if (j < 0) {
        out += escape(fence);
        i += n;
        continue;
      }
      let code = s.slice(i + n, j);
      if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
      out += `<code>${escape(code)}</code>`;
      i = j + n;
    } else if (c === '*' && s[i + 1] === '*') {
      out += strong ? '</strong>' : '<strong>';
      strong = !strong;
      i += 2;
    } else {
      let k = i + 1;
      while (k < s.length && s[k] !== '\\' && s[k] !== '`' && s[k] !== '*') k++;
      out += escape(s.slice(i, k));
      i = k;
    }
  }
  return strong ? `${out}</strong>` : out;
}

/** A table row's cells: split at each `|` not escaped; `\|` inside a cell (code too) is a `|`, as on GitHub. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  for (let i = 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && line[i + 1] === '|') {
      cell += '\\|';
      i++;
    } else if (c === '\\' && i + 1 < line.length) {
      cell += c + line[i + 1]!;
      i++;
    } else if (c === '|') {
      out.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  return out.map((c) => c.replace(/\\\|/g, '|'));
}

/** Just the Markdown the report uses: headings, lists, a quote, tables, bold, code, backslash escapes. */
export function markdownToHtml(md: string): string {
  const out: string[] = [];
  let list = false;
  let table = false;
  const close = () => {
    if (list) out.push('</ul>');
    if (table) out.push('</tbody></table>');
    list = table = false;
  };
  for (const line of md.split('\n')) {
    const h = /^(#{1,3}) (.*)$/.exec(line);
    if (h) {
      close();
      out.push(`<h${h[1]!.length}>${inline(h[2]!)}</h${h[1]!.length}>`);
    } else if (line.startsWith('- ')) {
      if (!list) {
        close();
        out.push('<ul>');
        list = true;
      }
      out.push(`<li>${inline(line.slice(2))}</li>`);
    } else if (line.startsWith('|')) {
      const row = cells(line);
      if (row.every((c) => /^-+$/.test(c))) continue;
      if (!table) {
        close();
        out.push(`<table><thead><tr>${row.map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>`);
        table = true;
      } else out.push(`<tr>${row.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`);
    } else if (line.startsWith('> ')) {
      close();
      out.push(`<blockquote><p>${inline(line.slice(2))}</p></blockquote>`);
    } else if (line.trim() === '') {
      close();
    } else {
      close();
      out.push(`<p>${inline(line)}</p>`);
    }
  }
  close();
  return out.join('\n');
}

export function htmlReport(markdown: string, topologySvg: string | null, title: string): string {
  const body = markdownToHtml(markdown);
  const figure = topologySvg ? `<figure><figcaption>Topology</figcaption>${topologySvg}</figure>` : '';
  // The topology goes after the title and summary, before the attackers.
  const at = body.indexOf('<h2>');
  const html = at < 0 ? body + figure : body.slice(0, at) + figure + body.slice(at);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body { font: 14px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1d23; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #aab1bd; padding: 4px 6px; text-align: left; vertical-align: top; }
code { font-family: ui-monospace, monospace; font-size: 0.92em; } figure { margin: 1rem 0; border: 1px solid #d5d9e0; }
figure svg { width: 100%; height: auto; max-height: 28rem; } figcaption { font-weight: 600; padding: 4px 8px; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr, figure { break-inside: avoid; } }
</style></head><body>
${html}
</body></html>
`;
}
