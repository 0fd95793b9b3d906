// Errors you can click, on the skewed-classes template (2 % positives): train, open a cell of
// the confusion matrix and see its test samples, then move the threshold and watch the matrix,
// precision, recall and F1 follow, up to the lecture's "always negative".
import type { Locator, Page } from '@playwright/test';
import { expect, openTemplate, setField, snap, startMnistRun, test } from './fixtures.js';

/** The matrix's counts, rows true class, columns predicted. */
async function counts(cm: Locator): Promise<number[][]> {
  return cm.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => Number(td.getAttribute('data-count')))));
}

const metric = (page: Page, name: string) => page.locator(`[data-view="errors"] [data-metric="${name}"]`);
const texts = async (page: Page) => Promise.all(['precision', 'recall', 'f1'].map((m) => metric(page, m).innerText()));

test('the skewed run: a confusion-matrix cell shows its samples, the threshold moves the matrix and precision/recall/F1', async ({ app: page }, info) => {
  await openTemplate(page, 'skewed-classes', 2);
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await setField(page, 'epochs', '5');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'finished', { timeout: 90_000 });

  const cm = page.locator('[data-view="errors"] [data-view="confusion-matrix"]');
  await expect(cm).toBeVisible();
  const slider = page.locator('[data-control="threshold"]');
  await expect(slider).toBeEnabled();
  await expect(page.locator('[data-threshold-value]')).toHaveText('0.50');

  const start = await counts(cm);
  const rows = start.map((r) => r[0]! + r[1]!);
  const total = rows[0]! + rows[1]!;
  // 2 % positives: far fewer positive than negative test examples.
  expect(rows[1]).toBeGreaterThan(0);
  expect(rows[1]! * 10).toBeLessThan(rows[0]!);

  // A cell's samples: the true negatives (always there), as rows of x1, x2 with their confidence.
  await cm.locator('[data-cell="0-0"] button').click();
  const box = page.locator('[data-view="cell-samples"]');
  await expect(box).toContainText('actual negative, predicted negative');
  await expect(box).toHaveAttribute('data-total', String(start[0]![0]));
  await expect(box.locator('th', { hasText: 'x1' })).toBeVisible();
  await expect(box.locator('tbody tr')).toHaveCount(Math.min(24, start[0]![0]!));
  await box.scrollIntoViewIfNeeded();
  await snap(page, info, 'cell-true-negatives');

  // The positives' row: open the cell the model flags positive or the one it misses, whichever has some.
  const posCell = start[1]![1]! > 0 ? '1-1' : '1-0';
  await cm.locator(`[data-cell="${posCell}"] button`).click();
  await expect(box).toContainText(posCell === '1-1' ? 'actual positive, predicted positive' : 'actual positive, predicted negative');
  await expect(box.locator('tbody tr')).toHaveCount(Math.min(24, start[1]![posCell === '1-1' ? 1 : 0]!));

  // Threshold 1.00: nothing flagged — "always negative": accuracy the negatives' share, precision 0 of 0, recall 0.
  const before = await texts(page);
  await slider.focus();
  await page.keyboard.press('End');
  await expect(page.locator('[data-threshold-value]')).toHaveText('1.00');
  const none = await counts(cm);
  expect(none).toEqual([[rows[0], 0], [rows[1], 0]]);
  await expect(metric(page, 'precision')).toContainText('0 / 0 (nothing flagged), shown as 0');
  await expect(metric(page, 'precision')).toHaveAttribute('data-value', '0');
  await expect(metric(page, 'recall')).toHaveAttribute('data-value', '0');
  await expect(metric(page, 'f1')).toHaveAttribute('data-value', '0');
  await expect(metric(page, 'accuracy')).toHaveAttribute('data-value', String(rows[0]! / total));
  await expect(page.locator('[data-view="errors"]')).toContainText('"always negative" still scores');
  // The open cell follows the threshold: nothing is predicted positive any more.
  await expect(box).toHaveAttribute('data-total', String(none[1]![posCell === '1-1' ? 1 : 0]));
  await box.scrollIntoViewIfNeeded();
  await snap(page, info, 'threshold-always-negative');

  // Threshold 0.10: more flagged than at 0.50, every row still adds up to its class's count.
  await page.keyboard.press('Home');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-threshold-value]')).toHaveText('0.10');
  const low = await counts(cm);
  expect(low.map((r) => r[0]! + r[1]!)).toEqual(rows);
  expect(low.flat().reduce((a, b) => a + b, 0)).toBe(total);
  expect(low[0]![1]! + low[1]![1]!).toBeGreaterThan(start[0]![1]! + start[1]![1]!);
  expect(low[1]![1]).toBeGreaterThanOrEqual(start[1]![1]!);
  const after = await texts(page);
  expect(after).not.toEqual(before);
  // Recall at 0.10 is the flagged positives' share, read off the matrix shown.
  await expect(metric(page, 'recall')).toHaveAttribute('data-value', String(low[1]![1]! / rows[1]!));
  await expect(metric(page, 'precision')).toContainText(`${low[1]![1]} of ${low[0]![1]! + low[1]![1]!}`);
  await expect(box).toHaveAttribute('data-total', String(low[1]![posCell === '1-1' ? 1 : 0]));

  // A cell of false positives at 0.10, as the slider left the matrix.
  if (low[0]![1]! > 0) {
    await cm.locator('[data-cell="0-1"] button').click();
    await expect(box).toContainText('actual negative, predicted positive');
    await expect(box).toHaveAttribute('data-total', String(low[0]![1]));
  }
  await box.scrollIntoViewIfNeeded();
  await snap(page, info, 'threshold-0.10');
});

test('an MNIST run: a cell of mistakes shows its digits, and ten classes have no threshold', async ({ app: page }, info) => {
  await startMnistRun(page, 2);
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'finished', { timeout: 90_000 });
  const cm = page.locator('[data-view="errors"] [data-view="confusion-matrix"]');
  await expect(cm).toBeVisible();
  await expect(page.locator('[data-control="threshold"]')).toHaveCount(0);
  const m = await counts(cm);
  expect(m).toHaveLength(10);
  // The biggest confusion off the diagonal.
  let best = { a: 0, p: 1, n: -1 };
  m.forEach((row, a) => row.forEach((n, p) => (a !== p && n > best.n ? (best = { a, p, n }) : null)));
  expect(best.n).toBeGreaterThan(0);
  await cm.locator(`[data-cell="${best.a}-${best.p}"] button`).click();
  const box = page.locator('[data-view="cell-samples"]');
  await expect(box).toContainText(`actual ${best.a}, predicted ${best.p}`);
  await expect(box).toHaveAttribute('data-total', String(best.n));
  // Drawn as images, one per sample shown.
  await expect(box.locator('canvas[role="img"]')).toHaveCount(Math.min(24, best.n));
  await box.scrollIntoViewIfNeeded();
  await snap(page, info, 'mnist-cell');
});
