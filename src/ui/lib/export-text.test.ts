import { describe, expect, it } from 'vitest';
import { HOSTILE, RAW_UNSAFE } from '../testing/hostile-strings.ts';
import { REPLACEMENT, htmlText, mdCode, mdText, mermaidText, oneLine, xmlText, xmlWellFormed } from './export-text.ts';

/** What an HTML or XML parser makes of the text (jsdom's, as a browser's would). */
const htmlParsed = (escaped: string) => {
  const div = document.createElement('div');
  div.innerHTML = `<span title="${escaped}">${escaped}</span>`;
  return { text: div.textContent, title: div.firstElementChild!.getAttribute('title'), elements: div.querySelectorAll('*').length };
};

describe('oneLine', () => {
  it('turns every line break into a space and every unsafe character into U+FFFD', () => {
    expect(oneLine(HOSTILE.newlines!)).toBe('first second third fourth\uFFFDfifth\uFFFDsixth');
    expect(oneLine(HOSTILE.controls!)).toBe(`nul${REPLACEMENT}bell${REPLACEMENT}esc${REPLACEMENT}[31mdel${REPLACEMENT}c1${REPLACEMENT}end`);
    expect(oneLine(HOSTILE.rtlOverride!)).toBe('user\uFFFDgnp.exe');
    expect(oneLine(HOSTILE.loneSurrogate!)).toBe('x\uFFFDy\uFFFDz');
    expect(oneLine('emoji 😀 stays, é too')).toBe('emoji 😀 stays, é too');
    for (const s of Object.values(HOSTILE)) {
      expect(oneLine(s)).not.toMatch(RAW_UNSAFE);
      expect(oneLine(s)).not.toMatch(/[\n\r]/);
    }
  });
});

describe('htmlText', () => {
  it('escapes & < > " \' so a parser sees the same text, in content and in a quoted attribute, and no element', () => {
    expect(htmlText(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    for (const [name, s] of Object.entries(HOSTILE)) {
      const parsed = htmlParsed(htmlText(s));
      expect(parsed.elements, name).toBe(1);
      expect(parsed.text, name).toBe(s.replace(new RegExp(RAW_UNSAFE.source, 'g'), REPLACEMENT).replace(/\r\n?/g, '\n'));
    }
  });
});

describe('xmlText and xmlWellFormed', () => {
  it('give well-formed XML whatever the name, read back as the same text', () => {
    for (const [name, s] of Object.entries(HOSTILE)) {
      const doc = new DOMParser().parseFromString(`<svg xmlns="http://www.w3.org/2000/svg"><text a="${xmlText(s)}">${xmlText(s)}</text></svg>`, 'image/svg+xml');
      expect(doc.getElementsByTagName('parsererror'), name).toHaveLength(0);
      expect(doc.documentElement.querySelectorAll('*'), name).toHaveLength(1);
      expect(doc.documentElement.textContent, name).toBe(s.replace(new RegExp(RAW_UNSAFE.source, 'g'), REPLACEMENT).replace(/\r\n?/g, '\n'));
    }
    expect(xmlText("it's")).toBe('it&apos;s');
  });

  it('makes a serialized document with forbidden characters well formed', () => {
    const raw = `<svg xmlns="http://www.w3.org/2000/svg"><text>a${HOSTILE.controls}${HOSTILE.nonCharacters}${HOSTILE.loneSurrogate}</text></svg>`;
    const doc = new DOMParser().parseFromString(xmlWellFormed(raw), 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(xmlWellFormed(raw)).not.toMatch(RAW_UNSAFE);
  });
});

describe('mdText', () => {
  it('keeps a name one line of plain text: no heading, list, quote, table cell, code, emphasis, link, entity or HTML', () => {
    const md = mdText(HOSTILE.markdown!);
    expect(md).not.toContain('\n');
    expect(md).toBe('\\# Heading - item \\| a \\| b \\| \\`code\\` \\*\\*bold\\*\\* \\[link\\](javascript:alert(1)) \\<b\\>tag\\</b\\> \\&amp; \\\\ \\_em\\_ \\~\\~s\\~\\~');
    expect(mdText('1. one')).toBe('1\\. one');
    expect(mdText('- item')).toBe('\\- item');
    expect(mdText('> quote')).toBe('\\> quote');
    expect(mdText('   ## indented')).toBe('\\#\\# indented');
    expect(mdText('MP_JOIN snake_case stays')).toBe('MP_JOIN snake_case stays');
    expect(mdText(HOSTILE.closeScript!)).toBe('\\</script\\>\\<script\\>alert(1)\\</script\\>');
    // Every `|`, `<` and backtick is escaped: none is left with an even number of backslashes before it.
    for (const s of Object.values(HOSTILE)) {
      const out = mdText(s);
      expect(out).not.toMatch(/(^|[^\\])(\\\\)*[|<`*[\]]/);
      expect(out).not.toMatch(RAW_UNSAFE);
      expect(out).not.toMatch(/[\n\r]/);
    }
  });

  it('is linear on a 100 kB name', () => {
    const started = performance.now();
    expect(mdText(HOSTILE.big!).length).toBe(HOSTILE.big!.length + 2 * 12_500);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('mdCode', () => {
  it('fences code with more backticks than it holds and escapes | in a table cell', () => {
    expect(mdCode('hijack')).toBe('`hijack`');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('a|b', true)).toBe('`a\\|b`');
    expect(mdCode('line\nbreak')).toBe('`line break`');
  });
});

describe('mermaidText', () => {
  it('leaves letters, digits and plain punctuation, and writes the rest as entity codes', () => {
    expect(mermaidText('Mallory (on-path)')).toBe('Mallory (on#45;path)');
    expect(mermaidText('a#b;c')).toBe('a#35;b#59;c');
    expect(mermaidText('"q" <b>')).toBe('#34;q#34; #60;b#62;');
    expect(mermaidText('  ')).toBe('#32;');
    expect(mermaidText('🙂')).toBe('#128578;');
  });

  it('never lets a name end the line, start a statement, a comment or an arrow', () => {
    for (const [name, s] of Object.entries(HOSTILE)) {
      const out = mermaidText(s);
      // Every # starts an entity code; without them no syntax is left.
      const bare = out.replace(/#\d+;/g, '');
      expect(bare, name).not.toMatch(/[#\n\r;:%<>"'`[\]{}|\\-]/);
      expect(out, name).not.toMatch(RAW_UNSAFE);
    }
  });
});
