/**
 * The design-review report as one printable HTML page: the Markdown report's
 * content, with the topology drawn in (an inline SVG) and styles for print.
 */
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Just the Markdown the report uses: headings, lists, tables, bold, code. */
export function markdownToHtml(md: string): string {
  const out: string[] = [];
  let list = false;
  let table = false;
  const inline = (s: string) => escape(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/`([^`]+)`/g, '<code>$1</code>');
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
      const cells = line.split('|').slice(1, -1).map((c) => c.trim());
      if (cells.every((c) => /^-+$/.test(c))) continue;
      if (!table) {
        close();
        out.push(`<table><thead><tr>${cells.map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>`);
        table = true;
      } else out.push(`<tr>${cells.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`);
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
