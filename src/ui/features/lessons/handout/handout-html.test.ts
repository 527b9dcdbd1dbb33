import { describe, expect, it } from 'vitest';
import { builtinLesson, type Lesson } from '../../../../engine/index.ts';
import { HOSTILE, RAW_UNSAFE } from '../../../testing/hostile-strings.ts';
import { handoutFileName, handoutHtml, isPngDataUrl, markdownHtml, type HandoutPicture } from './handout-html.ts';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const pic = (caption = 'Ladder'): HandoutPicture[] => [{ png: PNG, caption }];

function lessonOf(h: string): Lesson {
  return {
    schemaVersion: 1,
    id: 'hostile',
    title: h,
    summary: h,
    rfc: [h, 'RFC 8684 §3.1'],
    minutes: 5,
    steps: [
      { title: h, text: h, question: { kind: 'choice', prompt: h, choices: [{ text: h, when: [{ fact: 'no-failures' }] }, { text: `other ${h}`, when: [{ fact: 'no-failures' }] }], answer: 1, explain: h } },
      { title: `two ${h}`, text: `see [x](${h}) and RFC 7430 §2`, question: { kind: 'text', prompt: h, facts: [{ fact: 'no-failures' }], explain: h } },
      { title: `three ${h}`, text: h, exercise: { task: h, goal: { occur: ['hijack'] }, hints: [h, `${h} again`], answer: { text: h } } },
    ],
  } as Lesson;
}

describe('markdownHtml', () => {
  it('renders the lesson Markdown as escaped HTML, RFC references as links to their section', () => {
    expect(markdownHtml('A **b** *c* `d<e>` RFC 8684 §3.4.1 [site](https://example.org/x)\n\n- one\n- two & three')).toBe(
      '<p>A <strong>b</strong> <em>c</em> <code>d&lt;e&gt;</code> <a href="https://www.rfc-editor.org/rfc/rfc8684#section-3.4.1">RFC 8684 §3.4.1</a> <a href="https://example.org/x">site</a></p>\n<ul><li>one</li><li>two &amp; three</li></ul>',
    );
  });
});

describe('handoutHtml', () => {
  const lesson = builtinLesson('add-addr-hijack')!;
  const pictures = lesson.steps.map((_, i) => (i === 2 ? [] : pic()));
  const html = handoutHtml({ lesson, pictures, date: '2026-12-05' });
  const doc = parse(html);

  it('opens with the title, summary and RFC list, and ends with the date and the app', () => {
    expect(doc.querySelector('h1')?.textContent).toBe(lesson.title);
    expect(doc.querySelector('.summary')?.textContent).toContain('forged address announcement');
    expect([...doc.querySelectorAll('.refs a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://www.rfc-editor.org/rfc/rfc7430#section-2',
      'https://www.rfc-editor.org/rfc/rfc8684#section-3.4.1',
      'https://www.rfc-editor.org/rfc/rfc6824#section-3.4.1',
    ]);
    expect(doc.querySelector('footer')?.textContent).toBe('2026-12-05 · made with MPTCP Threat Lab');
    expect(doc.querySelector('script')).toBeNull();
    expect(handoutFileName(lesson)).toBe('add-addr-hijack-handout.html');
  });

  it('has every step in order, with its number, title, text, picture and question or exercise', () => {
    const steps = [...doc.querySelectorAll('section.step')];
    expect(steps.map((s) => s.querySelector('h2')?.textContent)).toEqual(lesson.steps.map((s, i) => `Step ${i + 1} ${s.title}`));
    expect(steps.map((s) => s.querySelectorAll('figure img').length)).toEqual(pictures.map((p) => p.length));
    expect(steps[0]!.querySelector('img')?.getAttribute('src')).toBe(PNG);
    expect(steps[0]!.querySelector('img')?.getAttribute('alt')).toBe('Ladder of step 1: Announcing an address');
    expect(steps[0]!.querySelector('a')?.getAttribute('href')).toBe('https://www.rfc-editor.org/rfc/rfc8684#section-3.4.1');
    // Step 2's choices, with boxes to tick and room to write; no answer given away beside them.
    const q = steps[1]!.querySelector('.task')!;
    expect([...q.querySelectorAll('.choices li')].map((li) => li.textContent)).toEqual(lesson.steps[1]!.question!.kind === 'choice' ? lesson.steps[1]!.question!.choices.map((c) => c.text) : []);
    expect(q.querySelector('.write')).not.toBeNull();
    expect(steps[1]!.textContent).not.toContain('The keys travel in clear');
    // Step 3 asks in words; step 5 is the exercise.
    expect(steps[2]!.querySelector('.task p')?.textContent).toContain('What can she do');
    expect(steps[2]!.querySelector('.choices')).toBeNull();
    expect(steps[4]!.querySelector('.task h3')?.textContent).toBe('Exercise');
    expect(steps[4]!.textContent).toContain('Place an attacker that hijacks the connection under MPTCP v0.');
    expect(steps[7]!.querySelector('.task')).toBeNull();
  });

  it('puts the answers after every step, on a page of their own', () => {
    expect(html).toMatch(/\.answers \{ break-before: page;/);
    const answers = doc.querySelector('section.answers')!;
    const steps = doc.querySelectorAll('section.step');
    expect(steps[steps.length - 1]!.compareDocumentPosition(answers) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const heads = [...answers.querySelectorAll('h3')].map((h) => h.textContent);
    expect(heads).toEqual(["Step 2: Mallory on the client's link", 'Step 3: Why the join goes through her', 'Step 4: v0: no HMAC at all', 'Step 5: Exercise: hijack a v0 connection', 'Step 6: Binding the join to the addresses', 'Step 7: And TLS?']);
    const rights = [...answers.querySelectorAll('.right')].map((p) => p.textContent);
    expect(rights).toEqual([
      'Answer: A. Yes: she read both keys in the handshake, so her HMAC verifies',
      'Model answer:',
      'Answer: B. Yes: v0 accepts an ADD_ADDR without any check',
      'Exercise answer:',
      'Answer: A. No: her relayed join names other addresses than the ones the HMAC covers',
      'Answer: B. The hijack and the man in the middle; only the eavesdropping on data is gone',
    ]);
    expect(answers.textContent).toContain('The keys travel in clear in the MP_CAPABLE handshake');
    expect(answers.textContent).toContain('An active ADD_ADDR hijack attacker on client-r1');
    expect([...answers.querySelectorAll('.hints li')]).toHaveLength(3);
    // Nothing of the answers is printed before their page.
    const before = html.slice(0, html.indexOf('<section class="answers"'));
    expect(before).not.toContain('Answer: A.');
    expect(before).not.toContain('The keys travel in clear');
  });

  it('leaves out a picture that is not a PNG data URL', () => {
    const bad = ['javascript:alert(1)', 'data:image/svg+xml;base64,PHN2Zz4=', `${PNG}" onerror="alert(1)`, 'https://example.org/x.png', 'data:image/png;base64,AAAA\n<script>'];
    for (const png of bad) expect(isPngDataUrl(png), png).toBe(false);
    const out = parse(handoutHtml({ lesson, pictures: [bad.map((png) => ({ png, caption: 'Ladder' }))], date: 'd' }));
    expect(out.querySelectorAll('img')).toHaveLength(0);
  });

  it('shows every hostile string from a lesson as text (titles on one line): no element, attribute, script or javascript: link comes from it', () => {
    // The lesson's own Markdown may make code, bold and italic; nothing else.
    const tags = (d: Document) => [...d.querySelectorAll('*')].map((e) => e.tagName).filter((t) => !['CODE', 'STRONG', 'EM'].includes(t)).join(' ');
    const plain = parse(handoutHtml({ lesson: lessonOf('x'), pictures: [pic('x')], date: 'x' }));
    for (const [name, h] of Object.entries(HOSTILE)) {
      const out = handoutHtml({ lesson: lessonOf(h), pictures: [pic(h)], date: h });
      const d = parse(out);
      expect(tags(d), name).toBe(tags(plain));
      expect(out, name).not.toMatch(/href="javascript:|<script|<img src=x/i);
      expect(out.match(/<img /g)?.length, name).toBe(1);
      for (const a of d.querySelectorAll('a')) expect(a.getAttribute('href'), name).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+#section-[\d.]+$/);
      for (const el of d.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames()) expect(['href', 'src', 'alt', 'id', 'class', 'type', 'aria-hidden', 'aria-labelledby', 'lang', 'charset', 'name', 'content'], `${name}: ${attr}`).toContain(attr);
      }
      expect(RAW_UNSAFE.test(out), name).toBe(false);
      const visible = h.replace(/\r\n|[\r\n\t]/g, ' ').replace(new RegExp(RAW_UNSAFE.source, 'g'), '\uFFFD');
      expect(d.querySelector('footer')?.textContent, name).toBe(`${visible} · made with MPTCP Threat Lab`);
      expect(d.querySelector('h1')?.textContent, name).toBe(visible);
      expect(d.querySelector('section.step h2')?.textContent, name).toBe(`Step 1 ${visible}`);
    }
  });
});
