import { describe, expect, it } from 'vitest';
import { HOSTILE, RAW_UNSAFE } from '../../testing/hostile-strings.ts';
import { hostileSummary } from '../../testing/summary-fixture.ts';
import { markdownReport } from '../security/report.ts';
import { htmlReport, markdownToHtml } from './html-report.ts';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><text>client</text></svg>';

describe('markdownToHtml', () => {
  it('renders the report\'s Markdown: headings, lists, a quote, a table, bold, code spans of any fence, backslash escapes', () => {
    expect(markdownToHtml('# T \\# 1\n\n- a **b** `c`\n\n> q\n\n| x | y |\n|---|---|\n| `a\\|b` | c \\| d |\n\n``a`b`` \\<i\\>')).toBe(
      ['<h1>T # 1</h1>', '<ul>', '<li>a <strong>b</strong> <code>c</code></li>', '</ul>', '<blockquote><p>q</p></blockquote>', '<table><thead><tr><th>x</th><th>y</th></tr></thead><tbody>', '<tr><td><code>a|b</code></td><td>c | d</td></tr>', '</tbody></table>', '<p><code>a`b</code> &lt;i&gt;</p>'].join('\n'),
    );
  });
});

describe('htmlReport', () => {
  it('shows every hostile name as text: no element, attribute or script comes from it, and the table keeps its cells', () => {
    const info = (h: string) => ({ id: 'attack-x', title: h, description: h, protocol: 'mptcp-v1', attacks: [], mitigations: [] });
    const plain = parse(htmlReport(markdownReport(hostileSummary('x'), info('x')), SVG, 'Security report: x'));
    const tags = (doc: Document) => [...doc.querySelectorAll('*')].map((e) => e.tagName).join(' ');
    for (const [name, h] of Object.entries(HOSTILE)) {
      const md = markdownReport(hostileSummary(h), info(h));
      const html = htmlReport(md, SVG, `Security report: ${h}`);
      const doc = parse(html);
      const expected = h.replace(new RegExp(RAW_UNSAFE.source, 'g'), '\uFFFD').replace(/\r\n|[\r\n\t]/g, ' ').replace(/^\s+/, '');
      // The same elements as with a plain name, and none from the name.
      expect(tags(doc), name).toBe(tags(plain));
      expect(doc.querySelector('script, img, b, a'), name).toBeNull();
      expect([...doc.querySelectorAll('*')].some((e) => [...e.attributes].some((a) => a.name.startsWith('on'))), name).toBe(false);
      expect(doc.title, name).toBe(`Security report: ${h.replace(new RegExp(RAW_UNSAFE.source, 'g'), '\uFFFD')}`.replace(/\s+/g, ' ').trim());
      expect(doc.querySelector('h1')!.textContent, name).toBe(`Security report: ${expected}`);
      expect(doc.querySelector('td')!.textContent, name).toBe(`${expected} (hijack)`);
      expect(html, name).not.toMatch(RAW_UNSAFE);
    }
  });
});
