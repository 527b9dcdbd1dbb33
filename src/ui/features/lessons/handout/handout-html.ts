/**
 * The printable lesson handout: one standalone HTML document (no script,
 * styles for print) with each step's text, its picture from the engine's
 * run and its question or exercise with room to write; then, on a page of
 * its own, the answers.
 *
 * A lesson may come from a link, so everything taken from it is text, never
 * markup: its Markdown goes through `parseMarkdown` (data, not HTML) and
 * every string is escaped here; links are only the parser's https ones;
 * pictures are only PNG data URLs, anything else is left out.
 */
import type { Lesson, LessonStep } from '../../../../engine/index.ts';
import { htmlText as esc, oneLine } from '../../../lib/export-text.ts';

/** A title or a caption: one line of escaped text. */
const line = (s: string) => esc(oneLine(s));
import { parseInline, parseMarkdown, rfcHref, type Inline } from '../markdown.ts';

/** A picture of a step as the app drew it: a PNG as a data URL. */
export interface HandoutPicture {
  png: string;
  caption: string;
}

export interface HandoutInput {
  lesson: Lesson;
  /** By step: the pictures taken of it (none: the step shows no picture). */
  pictures: readonly (readonly HandoutPicture[])[];
  /** When it was made, as the reader reads it. */
  date: string;
}

const PNG = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;
const SAFE_HREF = /^https:\/\/[^\s"'<>`]+$/;

/** A picture the handout may carry: a PNG data URL and nothing else. */
export const isPngDataUrl = (s: string): boolean => PNG.test(s);

const letter = (k: number) => String.fromCharCode(65 + k);

function inlines(list: readonly Inline[]): string {
  return list
    .map((i) => {
      switch (i.kind) {
        case 'text':
          return esc(i.text);
        case 'code':
          return `<code>${esc(i.text)}</code>`;
        case 'strong':
          return `<strong>${esc(i.text)}</strong>`;
        case 'em':
          return `<em>${esc(i.text)}</em>`;
        case 'link':
          return SAFE_HREF.test(i.href) ? `<a href="${esc(i.href)}">${esc(i.text)}</a>` : esc(i.text);
      }
    })
    .join('');
}

/** Lesson Markdown as HTML: paragraphs and lists of escaped text. */
export function markdownHtml(source: string): string {
  return parseMarkdown(source)
    .map((b) => (b.kind === 'p' ? `<p>${inlines(b.inlines)}</p>` : `<ul>${b.items.map((item) => `<li>${inlines(item)}</li>`).join('')}</ul>`))
    .join('\n');
}

/** "RFC 7430 §2" as a link to its section; any other reference as text. */
function reference(ref: string): string {
  const m = /^RFC (\d{3,5})(?: §(\d+(?:\.\d+)*))?$/.exec(ref.trim());
  return m ? `<a href="${esc(rfcHref(m[1]!, m[2]))}">${esc(ref)}</a>` : inlines(parseInline(ref));
}

// Ruled lines to write on: nothing for a screen reader to read.
const WRITE = '<div class="write" aria-hidden="true"></div>';

function figures(pictures: readonly HandoutPicture[], step: LessonStep, n: number): string {
  return pictures
    .filter((p) => isPngDataUrl(p.png))
    .map((p) => `<figure><img src="${p.png}" alt="${line(`${p.caption} of step ${n}: ${step.title}`)}"><figcaption>${line(p.caption)}</figcaption></figure>`)
    .join('\n');
}

function questionHtml(step: LessonStep): string {
  const q = step.question;
  if (!q) return '';
  const body =
    q.kind === 'choice'
      ? `<ol class="choices" type="A">${q.choices.map((c) => `<li><span class="box" aria-hidden="true"></span>${inlines(parseInline(c.text))}</li>`).join('')}</ol>\n<p class="why">Why?</p>${WRITE}`
      : WRITE;
  return `<div class="task"><h3>Question</h3>${markdownHtml(q.prompt)}\n${body}</div>`;
}

function exerciseHtml(step: LessonStep): string {
  const ex = step.exercise;
  if (!ex) return '';
  return `<div class="task"><h3>Exercise</h3>${markdownHtml(ex.task)}\n<p class="why">What you did, and what the engine found:</p>${WRITE}</div>`;
}

function stepHtml(step: LessonStep, i: number, pictures: readonly HandoutPicture[]): string {
  const n = i + 1;
  return `<section class="step" id="step-${n}">
<h2><span class="num">Step ${n}</span> ${line(step.title)}</h2>
${markdownHtml(step.text)}
${figures(pictures, step, n)}
${questionHtml(step)}${exerciseHtml(step)}
</section>`;
}

function answerHtml(step: LessonStep, i: number): string {
  const q = step.question;
  const ex = step.exercise;
  if (!q && !ex) return '';
  const parts: string[] = [];
  if (q?.kind === 'choice') {
    const right = q.choices[q.answer];
    parts.push(`<p class="right"><strong>Answer: ${letter(q.answer)}.</strong> ${right ? inlines(parseInline(right.text)) : ''}</p>`, markdownHtml(q.explain));
  } else if (q) {
    parts.push('<p class="right"><strong>Model answer:</strong></p>', markdownHtml(q.explain));
  }
  if (ex) {
    parts.push('<p class="right"><strong>Exercise answer:</strong></p>', markdownHtml(ex.answer.text));
    parts.push(`<p><strong>Hints:</strong></p><ol class="hints">${ex.hints.map((h) => `<li>${inlines(parseInline(h))}</li>`).join('')}</ol>`);
  }
  return `<section class="answer"><h3>Step ${i + 1}: ${line(step.title)}</h3>\n${parts.join('\n')}</section>`;
}

const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1a1d23; background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 0.3rem; } h2 { font-size: 1.2rem; margin: 0 0 0.5rem; } h3 { font-size: 1rem; margin: 0.6rem 0 0.3rem; }
a { color: #1d4ed8; } code { font-family: ui-monospace, monospace; font-size: 0.92em; background: #f1f3f6; padding: 0 3px; border-radius: 3px; }
.kicker { margin: 0; color: #5b6472; font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.04em; }
.summary { font-size: 1.05rem; } .refs { display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; list-style: none; margin: 0; }
header { border-bottom: 2px solid #1a1d23; padding-bottom: 0.8rem; margin-bottom: 1.2rem; }
.step { border-top: 1px solid #d5d9e0; padding-top: 1rem; margin-top: 1.2rem; } .step:first-child { border-top: none; padding-top: 0; }
.num { display: inline-block; min-width: 4.2rem; color: #5b6472; font-weight: 600; }
figure { margin: 0.8rem 0; border: 1px solid #d5d9e0; border-radius: 4px; overflow: hidden; }
figure img { display: block; width: 100%; height: auto; } figcaption { font-size: 0.8rem; color: #5b6472; padding: 3px 8px; border-top: 1px solid #d5d9e0; }
.task { border: 1px solid #aab1bd; border-radius: 6px; padding: 0.2rem 0.8rem 0.8rem; margin-top: 0.8rem; }
.choices { padding-left: 1.6rem; } .choices li { margin: 0.3rem 0; }
.box { display: inline-block; width: 0.8rem; height: 0.8rem; border: 1.5px solid #1a1d23; border-radius: 2px; margin-right: 0.5rem; vertical-align: -0.1rem; }
.why { margin: 0.5rem 0 0.2rem; color: #5b6472; font-size: 0.9rem; }
.write { height: 6rem; border-radius: 4px; background: repeating-linear-gradient(to bottom, transparent 0, transparent 1.45rem, #c3c9d3 1.45rem, #c3c9d3 1.5rem); }
.answers { break-before: page; page-break-before: always; border-top: 2px solid #1a1d23; margin-top: 2rem; padding-top: 1rem; }
.answer { margin-bottom: 0.8rem; } .right { margin-bottom: 0.2rem; }
footer { margin-top: 2rem; border-top: 1px solid #d5d9e0; padding-top: 0.5rem; color: #5b6472; font-size: 0.85rem; }
@page { margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  a { color: inherit; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure, .task, .answer { break-inside: avoid; page-break-inside: avoid; }
  .write, .box, code { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** The whole handout, a standalone HTML document. */
export function handoutHtml({ lesson, pictures, date }: HandoutInput): string {
  const steps = lesson.steps.map((s, i) => stepHtml(s, i, pictures[i] ?? [])).join('\n');
  const answers = lesson.steps.map((s, i) => answerHtml(s, i)).filter((a) => a !== '').join('\n');
  const refs = lesson.rfc.length > 0 ? `<p><strong>References:</strong></p><ul class="refs">${lesson.rfc.map((r) => `<li>${reference(r)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${line(`${lesson.title}: handout`)}</title>
<style>${STYLE}</style></head><body>
<header>
<p class="kicker">Lesson handout · ${lesson.steps.length} steps · about ${lesson.minutes} minutes</p>
<h1>${line(lesson.title)}</h1>
<div class="summary">${markdownHtml(lesson.summary)}</div>
${refs}
</header>
<main>
${steps}
${answers === '' ? '' : `<section class="answers" aria-labelledby="answers"><h2 id="answers">Answers</h2>\n${answers}\n</section>`}
</main>
<footer>${line(date)} · made with MPTCP Threat Lab</footer>
</body></html>
`;
}

/** The file name the handout is saved under. */
export const handoutFileName = (lesson: Lesson): string => `${lesson.id}-handout.html`;
