// Runs in the app: XOR trained twice at two learning rates keeps both runs; ticking both
// overlays their curves and names the learning rate as the difference; an export after the
// graph was edited says so before writing; another template shows none of XOR's runs.
import type { Page } from '@playwright/test';
import { expect, openTemplate, setField, snap, test } from './fixtures.js';

async function trainToEnd(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const dash = page.locator('[data-training-state]');
  await expect(dash).toHaveAttribute('data-training-state', 'running');
  await expect(dash).toHaveAttribute('data-training-state', 'finished', { timeout: 60_000 });
}

test('two XOR runs compare side by side; an edited graph warns at export; another template has its own runs', async ({ app: page }, info) => {
  await openTemplate(page, 'xor', 3);
  await page.getByRole('tab', { name: 'Dashboard' }).click();

  const runs = page.locator('[data-view="runs"]');
  const rows = runs.locator('[data-run-id]');
  await expect(runs).toBeVisible();
  await expect(rows).toHaveCount(0);

  await setField(page, 'epochs', '80');
  await setField(page, 'learningRate', '0.1');
  await trainToEnd(page);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-run-status', 'finished');

  await setField(page, 'learningRate', '0.5');
  await trainToEnd(page);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toHaveAttribute('data-run-status', 'finished');
  // Only the newest run matches the project as it is now (learning rate 0.5).
  await expect(rows.nth(0)).toHaveAttribute('data-matches', 'true');
  await expect(rows.nth(1)).toHaveAttribute('data-matches', 'false');
  await snap(page, info, 'two-runs');

  // Label the first run inline.
  await rows.nth(1).locator('[data-action="run-rename"]').click();
  const labelInput = rows.nth(1).getByRole('textbox', { name: 'Run label' });
  await labelInput.fill('lr 0.1');
  await labelInput.press('Enter');
  await expect(rows.nth(1).locator('[data-run-name]')).toHaveText('lr 0.1');
  await rows.nth(0).locator('[data-action="run-rename"]').click();
  await rows.nth(0).getByRole('textbox', { name: 'Run label' }).fill('lr 0.5');
  await rows.nth(0).getByRole('textbox', { name: 'Run label' }).press('Enter');
  await expect(rows.nth(0).locator('[data-run-name]')).toHaveText('lr 0.5');

  // Tick both: two curves each chart, and the diff names the learning rate.
  await rows.nth(0).getByRole('checkbox').check();
  await rows.nth(1).getByRole('checkbox').check();
  const compareLoss = page.locator('[data-chart="compare-loss"]');
  await expect(compareLoss).toBeVisible();
  expect(Number(await compareLoss.getAttribute('data-lines'))).toBeGreaterThanOrEqual(2);
  await expect(compareLoss.locator('.recharts-line')).toHaveCount(Number(await compareLoss.getAttribute('data-lines')));
  await expect(compareLoss.locator('.recharts-legend-wrapper')).toContainText('lr 0.1');
  await expect(compareLoss.locator('.recharts-legend-wrapper')).toContainText('lr 0.5');
  const diff = page.locator('[data-view="run-diff"]');
  await expect(diff).toBeVisible();
  const lr = diff.locator('[data-setting="training.optimizer.learningRate"]');
  await expect(lr).toHaveAttribute('data-differs', 'true');
  await expect(lr).toContainText('learning rate');
  await expect(lr).toContainText('0.1');
  await expect(lr).toContainText('0.5');
  // Only the learning rate differs.
  await expect(diff.locator('tr[data-differs="true"]')).toHaveCount(1);
  await expect(diff.locator('[data-test-metric="accuracy"]')).toHaveCount(2);
  await snap(page, info, 'compare');

  // One run ticked: the dashboard shows it; then edit the graph and export it.
  await rows.nth(1).getByRole('checkbox').uncheck();
  await expect(page.locator('[data-showing-run]')).toContainText('lr 0.5');
  await expect(page.locator('[data-view="results"]')).toBeVisible();
  await expect(page.locator('[data-view="confusion-matrix"]')).toBeVisible();
  await snap(page, info, 'one-run');
  await page.getByRole('tab', { name: 'Editor' }).click();
  await page.locator('[data-view="canvas"] [data-node-id="hidden"]').click();
  const units = page.locator('aside[aria-label="Inspector"] [data-param="units"]');
  await units.fill('4');
  await units.press('Enter');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('[data-format="tfjs"] input').check();
  const stale = dialog.locator('[data-export-stale]');
  await expect(stale).toContainText('trained an older graph: 1 layer changed');
  await snap(page, info, 'export-warns');
  // The default is the run's own graph, with its trained weights.
  await expect(dialog.locator('[data-export-graph="run"]')).toBeChecked();
  await dialog.locator('[data-action="export-confirm"]').click();
  await expect(dialog.locator('[data-export-result]')).toHaveAttribute('data-export-result', 'ok');
  await expect(dialog.locator('[data-export-result]')).toContainText('model.json');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Another template: its runs (none), not XOR's; the dashboard is not XOR's run.
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.locator('[data-template="perceptron"]').click();
  // The edited XOR is not saved: the app asks first.
  await page.getByRole('alertdialog').getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.locator('[data-view="canvas"] [data-node-id="hidden"]')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(runs).toBeVisible();
  await expect(rows).toHaveCount(0);
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'idle');
  await expect(page.locator('[data-view="results"]')).toHaveCount(0);
  await snap(page, info, 'other-template');
});

test('a job trains the graph it started with, says so when the graph is edited, and stays with its project', async ({ app: page }, info) => {
  await openTemplate(page, 'xor', 3);
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await setField(page, 'epochs', '100000');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const dash = page.locator('[data-training-state]');
  await expect(dash).toHaveAttribute('data-training-state', 'running');
  const rows = page.locator('[data-view="runs"] [data-run-id]');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-run-status', 'running');

  // Edit the graph mid-run: a sign says the job trains the old graph.
  await page.getByRole('tab', { name: 'Editor' }).click();
  await page.locator('[data-view="canvas"] [data-node-id="hidden"]').click();
  const units = page.locator('aside[aria-label="Inspector"] [data-param="units"]');
  await units.fill('3');
  await units.press('Enter');
  await expect(page.locator('[data-stale-job]')).toBeVisible();
  await snap(page, info, 'edited-mid-run');

  // Another template: the job goes on, but is not drawn as this project's.
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.locator('[data-template="perceptron"]').click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.locator('[data-view="canvas"] [data-node-id="hidden"]')).toHaveCount(0);
  await expect(page.locator('[data-stale-job]')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(dash).toHaveAttribute('data-training-state', 'idle');
  await expect(rows).toHaveCount(0);
  await expect(page.locator('[data-job-elsewhere]')).toContainText('XOR — a hidden layer');
  await snap(page, info, 'job-elsewhere');
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.locator('[data-job-elsewhere]')).toHaveCount(0, { timeout: 30_000 });
});
