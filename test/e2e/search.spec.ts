// Hyper-parameter search from the app: the XOR template, a 2-value grid on the learning rate,
// Start search, the trials ranked in a table (best highlighted) and plotted, then "Apply the
// best" writes that learning rate into the training form as one undo step.
import { expect, openTemplate, snap, test } from './fixtures.js';

test('a learning-rate grid from the search panel: two ranked trials, and the best applied to the project', async ({ app: page }, info) => {
  await openTemplate(page, 'xor', 3);

  await page.getByRole('tab', { name: 'Search' }).click();
  const panel = page.locator('[data-view="search"]');
  await expect(panel).toBeVisible();
  await expect(page.locator('[data-training="learningRate"]')).toHaveValue('0.1');
  // The first parameter offered is the learning rate; two values, 30 epochs a trial.
  const values = panel.locator('[data-search-values="training.optimizer.learningRate"]');
  await values.fill('0.001, 0.03');
  await panel.locator('#search-epochs').fill('30');
  await expect(panel.getByText('2 trials × 30 epochs')).toBeVisible();
  await panel.getByRole('button', { name: 'Start search' }).click();
  await expect(panel.getByRole('button', { name: 'Stop search' })).toBeVisible();

  await expect(panel).toHaveAttribute('data-search-state', 'finished', { timeout: 90_000 });
  const rows = panel.locator('[data-view="search-results"] tbody tr');
  await expect(rows).toHaveCount(2);
  // Sorted by the metric (XOR has no validation split: the training loss, lower first).
  const metrics = (await rows.locator('[data-metric]').allTextContents()).map(Number);
  expect(metrics[0]).toBeLessThanOrEqual(metrics[1]!);
  const best = rows.first();
  await expect(best).toHaveAttribute('data-best', 'true');
  await expect(best).toHaveClass(/best/);
  const bestLr = (await best.locator('td.mono').first().textContent())!.trim();
  expect(['0.001', '0.03']).toContain(bestLr);
  // Each trial is a recorded run.
  for (const r of await rows.all()) expect(await r.getAttribute('data-trial-run')).toMatch(/^[0-9a-z]{9}-[0-9a-z]{6}$/);
  await expect(panel.locator('[data-chart="search-scatter"]')).toHaveAttribute('data-points', '2');
  await snap(page, info, 'search-result');

  await panel.getByRole('button', { name: 'Apply the best' }).click();
  await expect(page.locator('[data-training="learningRate"]')).toHaveValue(bestLr);
  await snap(page, info, 'search-applied');
  // One undo step takes it back.
  await page.locator('.search-hint').click();
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-training="learningRate"]')).toHaveValue('0.1');
});
