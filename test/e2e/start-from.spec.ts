// Train → Start from (transfer learning): XOR trained once, its hidden layer frozen, then
// trained again starting from that run's weights; the dashboard lists which nodes took them,
// and the new run, shown from the runs panel, still says where it started from.
import { expect, openTemplate, setField, snap, test } from './fixtures.js';

test('a training starts from a run of the project and reports which nodes took its weights', async ({ app: page }, info) => {
  await openTemplate(page, 'xor', 3);
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  const dash = page.locator('[data-training-state]');
  const rows = page.locator('[data-view="runs"] [data-run-id]');
  const startFrom = page.locator('[data-field="initFrom"]');
  // No run yet: only fresh weights.
  await expect(startFrom).toHaveValue('');
  await expect(startFrom.locator('option')).toHaveCount(1);

  await setField(page, 'epochs', '30');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(dash).toHaveAttribute('data-training-state', 'finished', { timeout: 60_000 });
  await expect(rows).toHaveCount(1);
  await expect(page.locator('[data-view="init-report"]')).toHaveCount(0);
  const runA = (await rows.first().getAttribute('data-run-id'))!;

  // Freeze the hidden layer in the editor.
  await page.getByRole('tab', { name: 'Editor' }).click();
  await page.locator('[data-view="canvas"] [data-node-id="hidden"]').click();
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await page.locator('aside[aria-label="Inspector"] [data-param="trainable"]').uncheck();
  await page.getByRole('tab', { name: 'Dashboard' }).click();

  // Start from run A.
  await expect(startFrom.locator('option')).toHaveCount(2);
  await expect(startFrom.locator(`option[value="${runA}"]`)).toContainText('%');
  await startFrom.selectOption(runA);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(dash).toHaveAttribute('data-training-state', 'finished', { timeout: 60_000 });
  const report = page.locator('[data-view="init-report"]');
  await expect(report).toContainText(`Started from run ${runA}`);
  await expect(report.locator('[data-init-loaded="hidden"]')).toBeVisible();
  await expect(report.locator('[data-init-loaded="out"]')).toBeVisible();
  await expect(report.locator('[data-init-fresh]')).toHaveCount(0);
  await snap(page, info, 'started-from-run');

  // The new run, shown from the panel, keeps the report (from its record).
  await expect(rows).toHaveCount(2);
  await rows.first().getByRole('checkbox').check();
  await expect(page.locator('[data-showing-run]')).toBeVisible();
  await expect(report.locator('[data-init-loaded="hidden"]')).toBeVisible();
  // Run A started from fresh weights.
  await rows.first().getByRole('checkbox').uncheck();
  await rows.nth(1).getByRole('checkbox').check();
  await expect(page.locator(`[data-showing-run="${runA}"]`)).toBeVisible();
  await expect(report).toHaveCount(0);
});

test('a template trained, then another opened: Start from offers the first one\'s runs', async ({ app: page }, info) => {
  await openTemplate(page, 'xor', 3);
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  const dash = page.locator('[data-training-state]');
  await setField(page, 'epochs', '20');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(dash).toHaveAttribute('data-training-state', 'finished', { timeout: 60_000 });
  const runA = (await page.locator('[data-view="runs"] [data-run-id]').first().getAttribute('data-run-id'))!;

  // A new document from the same template: none of its own runs, the first one's offered.
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.locator('[data-template="xor"]').click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Discard changes' }).click();
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(page.locator('[data-view="runs"] [data-run-id]')).toHaveCount(0);
  const startFrom = page.locator('[data-field="initFrom"]');
  const other = startFrom.locator(`optgroup[label*="opened before"] option[value$="/${runA}"]`);
  await expect(other).toHaveCount(1);
  await startFrom.selectOption((await other.getAttribute('value'))!);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(dash).toHaveAttribute('data-training-state', 'finished', { timeout: 60_000 });
  await expect(page.locator('[data-view="init-report"]')).toContainText(`Started from run ${runA}`);
  await expect(page.locator('[data-view="init-report"] [data-init-loaded="hidden"]')).toBeVisible();
  await snap(page, info, 'started-from-other-document');
});
