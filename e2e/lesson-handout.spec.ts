/**
 * A teacher prints the ADD_ADDR lesson (issue 14): "Handout" plays each step
 * in the engine, pictures its ladder, and saves one HTML file with the
 * questions and room to write, then the answers on a page of their own.
 * The file is read as saved, then opened and printed to PDF by the browser.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';

interface LessonJson {
  title: string;
  steps: { title: string; question?: { kind: string; choices?: { text: string }[]; answer?: number } }[];
}
const lesson = JSON.parse(readFileSync(new URL('../src/engine/lessons/builtin/add-addr-hijack.json', import.meta.url), 'utf8')) as LessonJson;
// A teacher who works in the dark theme: the handout's pictures are still drawn for paper.
test.use({ colorScheme: 'dark' });

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

test('the ADD_ADDR lesson as a printable handout: every step pictured, the answers on their own page', async ({ capturePage: app, shot }, testInfo) => {
  test.setTimeout(180_000);
  const page = app.page;
  await page.getByRole('button', { name: 'Start the lesson ADD_ADDR hijack (RFC 7430 §2)' }).click();
  const panel = page.getByRole('region', { name: 'ADD_ADDR hijack (RFC 7430 §2)' });
  await expect(panel).toContainText('Step 1 of 8');
  await page.keyboard.press('ArrowRight');
  await expect(panel).toContainText('Step 2 of 8');
  await expect(panel).toContainText('0 % done');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  const download = page.waitForEvent('download', { timeout: 150_000 });
  await panel.getByRole('button', { name: 'Handout' }).click();
  const status = panel.getByRole('status', { name: 'Handout' });
  await expect(status).toContainText(/Preparing step \d of 8…/);
  await expect(status.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await shot('74-lesson-handout-preparing');
  const file = await download;
  expect(file.suggestedFilename()).toBe('add-addr-hijack-handout.html');
  await expect(status).toContainText('Saved add-addr-hijack-handout.html');

  // Back where the teacher was: the step, its view, and progress that counts only what they saw.
  await expect(panel).toContainText('Step 2 of 8');
  await expect(panel.getByRole('heading', { name: 'Mallory on the client' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel).toContainText('0 % done');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // The file as saved.
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text).toContain(`<h1>${html(lesson.title)}</h1>`);
  expect(text).not.toMatch(/<script/i);
  const answersAt = text.indexOf('<section class="answers"');
  const sections = text.slice(0, answersAt).split('<section class="step"').slice(1);
  expect(sections).toHaveLength(lesson.steps.length);
  lesson.steps.forEach((step, i) => {
    expect(sections[i], `step ${i + 1}`).toContain(`<span class="num">Step ${i + 1}</span> ${html(step.title)}</h2>`);
    // Every step of this lesson runs a scenario (a step without its own setup keeps the one before).
    expect(sections[i], `step ${i + 1}`).toMatch(/<img src="data:image\/png;base64,[A-Za-z0-9+/]{2000,}={0,2}"/);
  });
  expect(answersAt).toBeGreaterThan(0);
  expect(text).toMatch(/\.answers \{ break-before: page;/);
  const answers = text.slice(answersAt);
  const rights = lesson.steps.flatMap((s) => (s.question?.kind === 'choice' ? [s.question.choices![s.question.answer!]!.text] : []));
  expect(rights).toHaveLength(4);
  for (const right of rights) {
    expect(answers).toContain(html(right));
    // The right choice is printed with the question too, but named right only in the answers.
    expect(text.slice(0, answersAt)).not.toContain(`</strong> ${html(right)}`);
  }
  expect(answers).toContain('made with MPTCP Threat Lab');

  // Opened in the browser and printed.
  const saved = testInfo.outputPath('add-addr-hijack-handout.html');
  await file.saveAs(saved);
  await page.goto(`file://${saved}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(lesson.title);
  await expect(page.getByRole('heading', { level: 2, name: 'Answers' })).toBeVisible();
  const images = page.locator('section.step img');
  await expect(images).toHaveCount(lesson.steps.length);
  // Each picture decoded as an image with a size, drawn on a light background.
  const corners = await images.evaluateAll((imgs) =>
    imgs.map((i) => {
      const img = i as HTMLImageElement;
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const [r, g, b] = ctx.getImageData(2, c.height - 3, 1, 1).data;
      return { ok: img.complete && img.naturalWidth > 100, light: r! + g! + b! > 600 };
    }),
  );
  expect(corners).toEqual(lesson.steps.map(() => ({ ok: true, light: true })));
  await shot('75-lesson-handout');
  await page.screenshot({ path: 'test-results/screenshots/75-lesson-handout-full.png', fullPage: true });
  const pdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
  expect(pages).toBeGreaterThanOrEqual(2);
  await testInfo.attach('handout.pdf', { body: Buffer.from(pdf, 'latin1'), contentType: 'application/pdf' });
});
