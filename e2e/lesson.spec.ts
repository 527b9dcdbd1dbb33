/**
 * A student who knows TCP follows the ADD_ADDR lesson end to end (issue 14):
 * opens a packet when asked, predicts before each verdict, and solves the
 * exercise, whose check runs the student's own scenario in the engine. Every
 * "Right" and "Solved" below is the engine's verdict: if it stopped finding
 * the hijack, this test would fail.
 */
import { test, expect } from './fixtures.ts';
import { RunPage } from './pages/run-page.ts';

test('the ADD_ADDR lesson, end to end: predict, reveal, exercise checked by the engine', async ({ capturePage: app, shot }) => {
  test.setTimeout(120_000);
  const page = app.page;
  const run = new RunPage(page);
  await page.getByRole('button', { name: 'Start the lesson ADD_ADDR hijack (RFC 7430 §2)' }).click();
  const lesson = page.getByRole('region', { name: 'ADD_ADDR hijack (RFC 7430 §2)' });
  await expect(lesson).toContainText('Step 1 of 8');
  await expect(lesson.getByRole('heading', { name: 'Announcing an address' })).toBeVisible();
  // The step's focus selected the ADD_ADDR packet: the inspector shows it, with its HMAC.
  await expect(page.getByRole('region', { name: /^Frame \d+/ }).or(page.locator('.detail'))).toContainText('ADD_ADDR', { timeout: 30_000 });
  await expect(lesson.getByRole('link', { name: 'RFC 8684 §3.4.1' })).toHaveAttribute('href', 'https://www.rfc-editor.org/rfc/rfc8684#section-3.4.1');
  await shot('60-lesson-step-1');

  // The step waits until the student opens the MP_JOIN the announcement triggered.
  const wait = lesson.getByRole('status').filter({ hasText: 'MP_JOIN' });
  await expect(wait).toContainText('Do this');
  await page.getByRole('tab', { name: 'Packets' }).click();
  await page.getByRole('searchbox', { name: 'Filter' }).fill('MP_JOIN');
  await page.getByRole('grid', { name: 'Packets' }).getByRole('row').filter({ hasText: 'MP_JOIN' }).first().click();
  await expect(wait).toContainText('Done');
  await page.getByRole('searchbox', { name: 'Filter' }).fill('');
  await page.getByRole('tab', { name: 'Overview' }).click();

  // Step 2: predict, then reveal. The verdicts stay hidden until the answer.
  await page.keyboard.press('ArrowRight');
  await expect(lesson).toContainText('Step 2 of 8');
  await expect(run.failures).toContainText('hidden', { timeout: 30_000 });
  await expect(run.failures).not.toContainText('Connection hijack');
  // The replay starts at the beginning, and the ladder names no failure before the answer.
  expect(await run.momentUs()).toBe(0);
  await lesson.getByLabel('Yes: she read both keys in the handshake, so her HMAC verifies').check();
  await shot('61-lesson-question');
  await lesson.getByRole('button', { name: 'Answer, then reveal' }).click();
  await expect(lesson.getByRole('status').filter({ hasText: 'engine’s run agrees' })).toContainText('Right');
  await expect(lesson).toContainText('Connection hijack (hijack) occurred at');
  await expect(lesson).toContainText('HMAC verified');
  await expect(run.failures).toContainText('Connection hijack');
  await shot('62-lesson-reveal');

  // Step 3: the replay moves to the hijack; a free-text prediction, then the engine's facts.
  await page.keyboard.press('ArrowRight');
  await expect(lesson).toContainText('Step 3 of 8');
  await lesson.getByLabel('Your prediction').fill('She relays a subflow, so she sees and can change its data.');
  await lesson.getByRole('button', { name: 'Answer, then reveal' }).click();
  await expect(lesson).toContainText('Man in the middle');
  // ← goes back a step, → forward again: the answers are kept.
  await page.keyboard.press('ArrowLeft');
  await expect(lesson).toContainText('Step 2 of 8');
  await expect(lesson).toContainText('Right: the engine’s run agrees with you.');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');

  // Step 4: a wrong prediction is told so, with the engine's answer.
  await expect(lesson).toContainText('Step 4 of 8');
  await lesson.getByLabel('No: without the keys she cannot make a valid announcement').check();
  await lesson.getByRole('button', { name: 'Answer, then reveal' }).click();
  await expect(lesson).toContainText('Not this time: the engine’s run says “Yes: v0 accepts an ADD_ADDR without any check”.');

  // Step 5: the exercise. An empty scenario fails the engine's check and unlocks a hint.
  await page.keyboard.press('ArrowRight');
  await expect(lesson).toContainText('Step 5 of 8');
  await expect(run.topology.locator('[data-attacker]')).toHaveCount(0, { timeout: 30_000 });
  await lesson.getByRole('button', { name: 'Check my scenario' }).click();
  await expect(lesson).toContainText('Not yet: the engine says the goal does not hold.', { timeout: 30_000 });
  await expect(lesson.getByRole('list', { name: 'Hints' }).getByRole('listitem')).toHaveCount(1);
  await shot('63-lesson-exercise-not-yet');

  // The protocol is locked on this step.
  // Place an active ADD_ADDR hijack attacker on client-r1 (click the attack, then the link).
  const palette = page.getByRole('complementary', { name: 'Attack palette' });
  await palette.locator('button[data-attack="add-addr-hijack"]').click();
  await run.topology.locator('[data-link="client-r1"] .topology__link-hit').click({ force: true });
  await expect(run.topology.locator('[data-attacker]')).toHaveCount(1);
  await lesson.getByRole('button', { name: 'Check my scenario' }).click();
  await expect(lesson).toContainText('Solved: the engine says the goal holds.', { timeout: 30_000 });
  await expect(lesson).toContainText('Connection hijack (hijack) occurs: it occurred at');
  await shot('64-lesson-exercise-solved');
  const progress = lesson.getByRole('progressbar', { name: 'Lesson progress' });
  const percent = Number(await progress.getAttribute('aria-valuenow'));
  expect(percent).toBeGreaterThanOrEqual(50);

  // A reload resumes the lesson where it was, with its progress.
  await page.reload();
  await expect(page.getByRole('region', { name: 'ADD_ADDR hijack (RFC 7430 §2)' })).toContainText('Step 5 of 8', { timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'ADD_ADDR hijack (RFC 7430 §2)' }).getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(percent));
});
