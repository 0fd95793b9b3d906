// Lessons: a built-in lesson opens with its instructions and steps, its locks hold (the
// dataset fixed, the palette narrowed, the Search view hidden), and its steps tick as the
// class trains and adds a layer; a teacher prepares a lesson on a new project, and its
// shared link opens it in a fresh page.
import { expect, setField, snap, test } from './fixtures.js';

test('a lesson opens with its steps and locks, and ticks steps as the class works', async ({ app: page }, info) => {
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.locator('[data-lesson="xor-hidden-layer"]').click();
  await expect(page.locator('[data-view="canvas"] [data-node-id]')).toHaveCount(2);
  const lesson = page.locator('[data-view="lesson"]');
  await expect(lesson).toHaveAttribute('data-lesson-state', 'class');
  await expect(lesson).toContainText('XOR: one perceptron, then a hidden layer');
  await expect(lesson.locator('[data-step]')).toHaveCount(3);
  await expect(lesson.locator('[data-step][data-done="true"]')).toHaveCount(0);
  // The palette offers Dense only; the Search view is hidden.
  await expect(page.locator('aside[aria-label="Layer palette"] [role="option"]')).toHaveCount(1);
  await expect(page.getByRole('tab', { name: 'Search' })).toHaveCount(0);
  await snap(page, info, 'lesson-opened');

  // The dataset and loss are locked on the dashboard; epochs are not.
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(page.locator('[data-locked="dataset"] select')).toBeDisabled();
  await expect(page.locator('[data-locked="loss"] select')).toBeDisabled();
  await setField(page, 'epochs', '20');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'finished', { timeout: 60_000 });

  // Back in the editor: the first step is ticked; adding a Dense ticks the second.
  await page.getByRole('tab', { name: 'Editor' }).click();
  await page.locator('[data-tab="lesson"]').click();
  await expect(lesson.locator('[data-step="0"]')).toHaveAttribute('data-done', 'true');
  await expect(lesson.locator('[data-step="1"]')).toHaveAttribute('data-done', 'false');
  await page.locator('aside[aria-label="Layer palette"] [role="option"]').first().dragTo(page.locator('[data-view="canvas"]'), { targetPosition: { x: 650, y: 120 } });
  await expect(page.locator('[data-view="canvas"] [data-node-id]')).toHaveCount(3);
  // A layer not wired in does not count.
  await expect(lesson.locator('[data-step="1"]')).toHaveAttribute('data-done', 'false');
  const added = (await page.locator('[data-view="canvas"] [data-node-id]').last().getAttribute('data-node-id'))!;
  await page.locator('[data-node-id="out"] .react-flow__handle.source').dragTo(page.locator(`[data-node-id="${added}"] .react-flow__handle.target`));
  await expect(lesson.locator('[data-step="1"]')).toHaveAttribute('data-done', 'true');
  await snap(page, info, 'lesson-steps-ticked');
});

test('a teacher prepares a lesson, locks the epochs, hides Search, and its link opens it', async ({ app: page }, info) => {
  await page.locator('[data-tab="lesson"]').click();
  await page.locator('[data-action="prepare-lesson"]').click();
  const lesson = page.locator('[data-view="lesson"]');
  await expect(lesson).toHaveAttribute('data-lesson-state', 'editing');
  await lesson.locator('[data-lesson-field="title"]').fill('Train a blob classifier');
  await lesson.locator('[data-lesson-field="instructions"]').fill('# Blobs\n\nTrain it **once** and read the `accuracy`.');
  await lesson.locator('[data-action="add-step"]').click();
  await lesson.locator('[data-lock="epochs"]').check();
  await lesson.locator('[data-hide="search"]').check();
  // The teacher preparing it still sees everything.
  await expect(page.getByRole('tab', { name: 'Search' })).toHaveCount(1);
  await snap(page, info, 'lesson-editor');
  await lesson.locator('[data-action="lesson-done"]').click();
  await expect(lesson).toHaveAttribute('data-lesson-state', 'class');
  await expect(lesson.locator('.md b')).toHaveText('once');
  await expect(page.getByRole('tab', { name: 'Search' })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(page.locator('[data-locked="epochs"] input')).toBeDisabled();
  await page.getByRole('tab', { name: 'Editor' }).click();

  // Shared as a link (browser mode): a fresh page opens the lesson from it.
  await page.locator('[data-action="edit-lesson"]').click();
  await page.locator('[data-action="share-lesson"]').click();
  const notice = page.locator('[data-notice="info"]');
  await expect(notice).toContainText('lesson=');
  const link = (await notice.textContent())!.match(/(http\S+lesson=[a-z0-9-]+)/)![1]!;
  expect(link).toContain('lesson=train-a-blob-classifier');
  expect(link).not.toContain('session=');
  const student = await page.context().newPage();
  await student.goto(link);
  const theirs = student.locator('[data-view="lesson"]');
  await expect(theirs).toContainText('Train a blob classifier', { timeout: 20_000 });
  await expect(theirs).toHaveAttribute('data-lesson-state', 'class');
  await expect(student.getByRole('tab', { name: 'Search' })).toHaveCount(0);
  // The link's parameter is gone, so a reload keeps the student's own copy.
  expect(student.url()).not.toContain('lesson=');
  await snap(student, info, 'lesson-from-link');
  // The lesson is in the gallery as shared.
  await student.getByRole('button', { name: 'Templates' }).click();
  await expect(student.locator('[data-lesson="train-a-blob-classifier"][data-lesson-source="shared"]')).toBeVisible();
  await student.close();
});
