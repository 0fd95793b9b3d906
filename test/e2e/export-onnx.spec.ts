// ONNX from the export dialog: a trained XOR run is written as one .onnx file in the
// workspace's exports/, and the dialog shows the parity check's line (the file run by
// onnxruntime-node against the app's predictions on the test split) in green. After the graph
// is edited, the stale-run warning comes first and the run's own graph is exported.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { expect, openTemplate, setField, snap, test, WORKSPACE } from './fixtures.js';

test('exports a trained XOR run as ONNX and shows that its predictions match', async ({ app: page }, info) => {
  await openTemplate(page, 'xor', 3);
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await setField(page, 'epochs', '80');
  await setField(page, 'learningRate', '0.5');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const dash = page.locator('[data-training-state]');
  await expect(dash).toHaveAttribute('data-training-state', 'finished', { timeout: 60_000 });
  await expect(page.locator('[data-view="runs"] [data-run-id]')).toHaveCount(1);

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('[data-format="onnx"] input').check();
  await expect(dialog.locator('[data-export-run]')).toContainText('its trained weights (80 epochs)');
  await dialog.locator('[data-action="export-confirm"]').click();
  const result = dialog.locator('[data-export-result]');
  await expect(result).toHaveAttribute('data-export-result', 'ok', { timeout: 30_000 });
  const file = path.join(WORKSPACE, 'exports', 'XOR-a-hidden-layer.onnx');
  await expect(result).toContainText(file);
  const parity = dialog.locator('[data-export-parity]');
  await expect(parity).toHaveAttribute('data-export-parity', 'match');
  // XOR's test split is its four points.
  await expect(parity).toHaveText(/^✓ predictions match: max \|Δ\| = (0|\d\.\de-\d+) over 4 samples, same class on 4\/4$/);
  expect((await stat(file)).size).toBeGreaterThan(100);
  await snap(page, info, 'onnx-parity');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Edit the graph: the run is stale; ONNX warns first and exports the run's own graph.
  await page.getByRole('tab', { name: 'Editor' }).click();
  await page.locator('[data-view="canvas"] [data-node-id="hidden"]').click();
  const units = page.locator('aside[aria-label="Inspector"] [data-param="units"]');
  await units.fill('4');
  await units.press('Enter');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await dialog.locator('[data-format="onnx"] input').check();
  const stale = dialog.locator('[data-export-stale]');
  await expect(stale).toContainText('trained an older graph: 1 layer changed');
  await expect(stale).toContainText("Export the run's own graph, as it was trained, with its trained weights");
  await expect(dialog.locator('[data-export-graph="run"]')).toBeChecked();
  await dialog.locator('[data-action="export-confirm"]').click();
  await expect(dialog.locator('[data-export-result]')).toHaveAttribute('data-export-result', 'ok', { timeout: 30_000 });
  await expect(dialog.locator('[data-export-parity]')).toHaveAttribute('data-export-parity', 'match');
  await snap(page, info, 'onnx-stale-run');
});
