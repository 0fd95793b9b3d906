// Open of a TensorFlow.js model in browser mode: the XOR template exported by the CLI
// (model.json + its weight file, chosen together) comes in as an unsaved project, its graph
// on the canvas and its weights a run; freezing a layer draws it frozen and takes its weights
// out of the summary's trainable count; Save writes the project and its run into the workspace.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, snap, test, WORKSPACE } from './fixtures.js';

let modelDir: string;
test.beforeAll(() => {
  modelDir = path.join(mkdtempSync(path.join(tmpdir(), 'layerlab-e2e-model-')), 'xor-tfjs');
  execFileSync(process.execPath, ['bin/layerlab.mjs', 'export', 'templates/xor.layerlab.json', '--format', 'tfjs', '--untrained', '--out', modelDir], { stdio: 'pipe' });
});

test('opens a TensorFlow.js model.json as a project, freezes a layer and saves it with its weights', async ({ app: page }, info) => {
  const files = readdirSync(modelDir).filter((f) => f === 'model.json' || f.endsWith('.bin'));
  expect(files).toContain('model.json');
  await page.getByTestId('open-file').setInputFiles(files.map((f) => path.join(modelDir, f)));

  const canvas = page.locator('[data-view="canvas"]');
  await expect(canvas.locator('[data-node-id]')).toHaveCount(3);
  await expect(canvas.locator('[data-node-id="hidden"]')).toHaveAttribute('data-kind', 'Dense');
  await expect(page.getByText(/Imported TensorFlow\.js layers model model\.json: 3 layers; its weights \(9 values\) are run [0-9a-z]{9}-[0-9a-z]{6}/)).toBeVisible();
  await expect(page.locator('footer.statusbar')).toContainText('not saved yet');
  await page.getByRole('tab', { name: 'Summary' }).click();
  await expect(page.locator('[data-trainable-params]')).toHaveAttribute('data-trainable-params', '9');
  await snap(page, info, 'imported');

  // Freeze the hidden layer: a badge on it, and its 6 weights leave the trainable count.
  await canvas.locator('[data-node-id="hidden"]').click();
  await page.getByRole('tab', { name: 'Inspector' }).click();
  const trainable = page.locator('aside[aria-label="Inspector"] [data-param="trainable"]');
  await expect(trainable).toBeChecked();
  await trainable.uncheck();
  const badge = canvas.locator('[data-node-id="hidden"] [data-frozen-badge]');
  await expect(badge).toHaveAttribute('title', 'frozen: weights do not train');
  await expect(canvas.locator('[data-frozen-badge]')).toHaveCount(1);
  await snap(page, info, 'frozen-inspector');
  await page.getByRole('tab', { name: 'Summary' }).click();
  await expect(page.locator('[data-trainable-params]')).toHaveAttribute('data-trainable-params', '3');
  await snap(page, info, 'frozen');

  // Undo thaws it in one step.
  await page.keyboard.press('Control+z');
  await expect(canvas.locator('[data-frozen-badge]')).toHaveCount(0);
  await expect(page.locator('[data-trainable-params]')).toHaveAttribute('data-trainable-params', '9');
  await page.keyboard.press('Control+Shift+z');
  await expect(canvas.locator('[data-frozen-badge]')).toHaveCount(1);

  // Save: the project goes into the workspace, and the run holding the weights beside it.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const notice = page.getByText(/^Saved to .+\.layerlab\.json$/);
  await expect(notice).toBeVisible();
  const saved = (await notice.textContent())!.replace(/^Saved to /, '');
  expect(path.dirname(saved)).toBe(path.resolve(WORKSPACE));
  await expect(page.locator('footer.statusbar')).toContainText(path.basename(saved));
  const runsDir = saved.replace(/\.layerlab\.json$/, '.runs');
  await expect.poll(() => readdirSync(runsDir).filter((f) => /^[0-9a-z]{9}-[0-9a-z]{6}$/.test(f)).length).toBe(1);
});
