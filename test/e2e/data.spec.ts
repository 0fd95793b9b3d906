// The Data view: MNIST's ten classes and sample images, the spirals' scatter plot, sine's
// windows as lines, and a CSV upload (Iris) that becomes the project's dataset with three
// classes of fifty. "Use dataset shape" from the Input node's inspector and from the Data view.
import path from 'node:path';
import { expect, openTemplate, snap, test } from './fixtures.js';

test('data panel: MNIST samples, spirals scatter, Iris CSV upload', async ({ app: page }, info) => {
  // A network with one Input node, for "Use dataset shape" at the end.
  await openTemplate(page, 'xor', 3);
  await page.getByRole('tab', { name: 'Data', exact: true }).click();
  const panel = page.locator('[data-view="data"]');
  await expect(panel).toBeVisible();

  await panel.locator('[data-dataset="mnist"]').click();
  await expect(panel.locator('[data-dataset-id="mnist"]')).toBeVisible({ timeout: 60_000 });
  const balance = panel.locator('[data-view="class-balance"]');
  await expect(balance.locator('[data-class]')).toHaveCount(10);
  const counts = await balance.locator('[data-class]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(10_000);
  const samples = panel.locator('[data-view="samples"] canvas');
  expect(await samples.count()).toBeGreaterThanOrEqual(8);
  // The canvas holds a drawn digit: some bright pixels on the dark background.
  const bright = await samples.first().evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! > 200) n++;
    return n;
  });
  expect(bright).toBeGreaterThan(20);
  await expect(panel.locator('[data-view="samples"] figcaption').first()).toHaveText(/^[0-9]$/);
  await snap(page, info, 'mnist');

  // The Input node's inspector offers MNIST's shape too: one click, one undoable edit.
  await page.getByRole('tab', { name: 'Editor', exact: true }).click();
  const input = page.locator('[data-view="canvas"] [data-kind="Input"]');
  await input.click();
  const inspector = page.locator('aside[aria-label="Inspector"]');
  const inspectorShape = inspector.locator('[data-action="use-dataset-shape"]');
  await expect(inspectorShape).toHaveText('Use dataset shape (28×28×1)');
  await expect(inspectorShape).toBeEnabled();
  await expect(input.locator('[data-shape]')).toHaveText('[batch, 2]');
  await inspectorShape.click();
  await expect(input.locator('[data-shape]')).toHaveText('[batch, 28, 28, 1]');
  await expect(inspectorShape).toBeDisabled();
  await expect(inspector.getByText('the Input layer already has this shape')).toBeVisible();
  await snap(page, info, 'inspector-dataset-shape');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(input.locator('[data-shape]')).toHaveText('[batch, 2]');
  await expect(inspectorShape).toBeEnabled();
  await page.getByRole('tab', { name: 'Data', exact: true }).click();

  await panel.locator('[data-dataset="spirals"]').click();
  await expect(panel.locator('[data-dataset-id="spirals"]')).toBeVisible();
  const scatter = panel.locator('[data-chart="scatter"]');
  await expect(scatter).toBeVisible();
  expect(Number(await scatter.getAttribute('data-points'))).toBeGreaterThan(50);
  await expect(scatter.locator('.recharts-scatter-symbol').first()).toBeVisible();
  await snap(page, info, 'spirals');

  // A sequence set draws its input windows as lines.
  await panel.locator('[data-dataset="sine"]').click();
  await expect(panel.locator('[data-dataset-id="sine"]')).toBeVisible();
  await expect(panel.locator('[data-chart="sequence"] .recharts-line').first()).toBeVisible();
  await snap(page, info, 'sine');

  await page.getByTestId('import-data-file').setInputFiles(path.join(import.meta.dirname, '../../assets/iris.csv'));
  await expect(panel.locator('[data-dataset-name]')).toHaveText('iris.csv');
  await expect(balance.locator('[data-class]')).toHaveCount(3);
  await expect(balance.locator('[data-count="50"]')).toHaveCount(3);
  await expect(panel.locator('[data-view="rows"] tbody tr').first()).toBeVisible();
  await expect(panel.locator('#data-label-column')).toHaveValue('species');

  // The Input node takes the dataset's shape (four features), as one undoable edit.
  const useShape = panel.locator('[data-action="use-dataset-shape"]');
  await expect(useShape).toBeEnabled();
  await useShape.click();
  await expect(useShape).toBeDisabled();
  await expect(panel.getByText('the Input layer already has this shape')).toBeVisible();
  await snap(page, info, 'iris');
});
