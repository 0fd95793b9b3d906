// An image folder imported from the Data view in browser mode: a folder of small PNGs (two
// classes, written here with sharp) picked with the folder chooser, uploaded, shown with its
// classes and samples, then a small convolutional network trains on it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { expect, openTemplate, setField, snap, test } from './fixtures.js';

let root: string;
test.beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'layerlab-e2e-images-'));
  const folder = path.join(root, 'shapes');
  // 'bars': a bright vertical bar on black; 'blocks': a bright square; 10 each, shifted.
  for (const cls of ['bars', 'blocks']) {
    await mkdir(path.join(folder, cls), { recursive: true });
    for (let i = 0; i < 10; i++) {
      const px = Buffer.alloc(28 * 28);
      for (let y = 0; y < 28; y++)
        for (let x = 0; x < 28; x++) {
          const on = cls === 'bars' ? x >= 4 + i && x < 8 + i : x >= 4 + i && x < 14 + i && y >= 8 && y < 18;
          px[y * 28 + x] = on ? 240 : 10;
        }
      await writeFile(path.join(folder, cls, `${i}.png`), await sharp(px, { raw: { width: 28, height: 28, channels: 1 } }).png().toBuffer());
    }
  }
  // Not an image: left out, and said so.
  await writeFile(path.join(folder, 'README.txt'), 'two classes of shapes');
});
test.afterAll(async () => rm(root, { recursive: true, force: true }));

test('an image folder imported from the Data view shows its classes and trains a network', async ({ app: page }, info) => {
  test.setTimeout(120_000);
  await openTemplate(page, 'mnist-convolutional', 9);
  await page.getByRole('tab', { name: 'Data', exact: true }).click();
  const panel = page.locator('[data-view="data"]');
  await expect(panel.locator('[data-action="import-images"]')).toHaveText('Import image folder…');
  await panel.locator('[data-testid="import-image-folder"]').setInputFiles(path.join(root, 'shapes'));

  await expect(page.locator('[data-notice="info"] .notice-text')).toHaveText('Imported the image folder shapes (1 file left out: not images in a class folder)', { timeout: 30_000 });
  await expect(panel.locator('[data-dataset-name]')).toHaveText('shapes', { timeout: 30_000 });
  const balance = panel.locator('[data-view="class-balance"]');
  await expect(balance.locator('[data-class]')).toHaveCount(2);
  expect(await balance.locator('[data-class]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-class'), r.getAttribute('data-count')]))).toEqual([
    ['bars', '10'],
    ['blocks', '10'],
  ]);
  await expect(panel.locator('[data-stat="input-shape"] b')).toHaveText(/28\D+28\D+1/);
  const samples = panel.locator('[data-view="samples"] canvas');
  expect(await samples.count()).toBeGreaterThanOrEqual(4);
  await snap(page, info, 'image-folder-imported');

  // Read in colour at 32×32 instead; the template's Input takes the new shape from here.
  await panel.locator('[data-image-read="size"]').selectOption('32');
  await panel.locator('[data-image-read="channels"]').selectOption('3');
  await expect(panel.locator('[data-stat="input-shape"] b')).toHaveText(/32\D+32\D+3/, { timeout: 30_000 });
  await panel.locator('[data-action="use-dataset-shape"]').click();
  await expect(panel.locator('[data-action="use-dataset-shape"]')).toBeDisabled();
  await snap(page, info, 'image-folder-rgb');

  // Two classes: the template's ten outputs become two, then two epochs of training.
  await page.getByRole('tab', { name: 'Editor', exact: true }).click();
  await page.locator('[data-view="canvas"] [data-node-id="out"]').click();
  const units = page.locator('aside[aria-label="Inspector"] [data-param="units"]');
  await units.fill('2');
  await units.press('Enter');
  await expect(page.locator('[data-view="canvas"] [data-error]')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await setField(page, 'epochs', '2');
  await setField(page, 'batchSize', '8');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const dash = page.locator('[data-training-state]');
  await expect(dash).toHaveAttribute('data-training-state', 'finished', { timeout: 90_000 });
  await snap(page, info, 'image-folder-trained');
});
