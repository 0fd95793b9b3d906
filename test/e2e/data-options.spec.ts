// The Data view's "Inputs" card: engineered features let a single sigmoid unit separate the
// circles (the boundary, drawn over the raw plane, closes), with the Input widened in the same
// undoable edit; and feature scaling chosen there reaches the run.
import { readdir, readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, openTemplate, snap, test, WORKSPACE } from './fixtures.js';

const TEMPLATES = join(fileURLToPath(new URL('../../', import.meta.url)), 'templates');

/** Logistic regression (Input(2) → Dense(1, sigmoid)) on the circles, opened as a file. */
async function openCircles(page: Page): Promise<void> {
  const doc = JSON.parse(readFileSync(join(TEMPLATES, 'logistic-regression.layerlab.json'), 'utf8')) as { name: string; dataset: unknown; training: Record<string, unknown> };
  doc.name = 'Circles — one neuron';
  doc.dataset = { id: 'circles' };
  doc.training = { ...doc.training, epochs: 40, batchSize: 32, validationSplit: 0, optimizer: { kind: 'adam', learningRate: 0.1 } };
  await page.locator('input[type="file"]').setInputFiles({ name: 'circles.layerlab.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(page.locator('[data-view="canvas"] [data-node-id]')).toHaveCount(2);
}

async function train(page: Page): Promise<number> {
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'finished', { timeout: 90_000 });
  const acc = page.locator('[data-test-accuracy]');
  await expect(acc).toHaveAttribute('data-test-accuracy', /\d/);
  return Number(await acc.getAttribute('data-test-accuracy'));
}

test('engineered x₁², x₂² let one sigmoid unit separate the circles with a closed boundary', async ({ app: page }, info) => {
  await openCircles(page);
  // Straight boundary: the ring around the disc cannot be cut by a line.
  expect(await train(page)).toBeLessThan(0.75);

  await page.getByRole('tab', { name: 'Data', exact: true }).click();
  const card = page.locator('[data-card="inputs"]');
  await expect(card).toBeVisible({ timeout: 60_000 });
  await expect(card.locator('[data-engineered]')).toHaveCount(5);
  await card.locator('[data-engineered="x1^2"]').check();
  await expect(page.locator('[data-stat="input-shape"] b')).toHaveText('[3]', { timeout: 30_000 });
  await card.locator('[data-engineered="x2^2"]').check();
  await expect(page.locator('[data-stat="input-shape"] b')).toHaveText('[4]', { timeout: 30_000 });
  // The Input followed in the same edits: nothing left to fix.
  await expect(page.locator('[data-action="use-dataset-shape"]')).toBeDisabled();
  await expect(page.locator('[data-action="inputs-use-shape"]')).toHaveCount(0);
  await snap(page, info, 'inputs-card');

  // One undo takes back the feature and the Input's width together; redo brings both.
  await page.getByRole('tab', { name: 'Editor', exact: true }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('tab', { name: 'Data', exact: true }).click();
  await expect(card.locator('[data-engineered="x2^2"]')).not.toBeChecked();
  await expect(page.locator('[data-stat="input-shape"] b')).toHaveText('[3]', { timeout: 30_000 });
  await expect(page.locator('[data-action="use-dataset-shape"]')).toBeDisabled();
  await page.getByRole('tab', { name: 'Editor', exact: true }).click();
  await page.getByRole('button', { name: 'Redo' }).click();
  await page.getByRole('tab', { name: 'Data', exact: true }).click();
  await expect(card.locator('[data-engineered="x2^2"]')).toBeChecked();
  await expect(page.locator('[data-stat="input-shape"] b')).toHaveText('[4]', { timeout: 30_000 });

  expect(await train(page)).toBeGreaterThan(0.9);
  const boundary = page.locator('[data-view="live-views"] [data-view="decision-boundary"]');
  await expect(boundary).toBeVisible();
  // Closed curve: the plane's centre (the disc) and its four corners (outside the ring) take
  // opposite classes, so the boundary goes round the centre.
  await page.locator('[data-view="live-views"]').getByLabel('Points').uncheck();
  await expect(boundary).toHaveAttribute('data-points', 'hidden');
  const colours = await boundary.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const at = (fx: number, fy: number) => {
      // Inside the axes' margins (left 44, bottom 28), as the live-views spec reads them.
      const x = Math.round(44 + (c.width - 54) * fx), y = Math.round(10 + (c.height - 44) * fy);
      const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
      return r! > b! ? 'orange' : b! > r! ? 'blue' : 'grey';
    };
    return { centre: at(0.5, 0.5), corners: [at(0.04, 0.04), at(0.96, 0.04), at(0.04, 0.96), at(0.96, 0.96)] };
  });
  expect(colours.centre).not.toBe('grey');
  for (const c of colours.corners) expect(c).not.toBe(colours.centre);
  await page.locator('[data-view="live-views"]').getByLabel('Points').check();
  await boundary.scrollIntoViewIfNeeded();
  await snap(page, info, 'circles-closed-boundary');
});

/** The run records written since `since` for dataset `id`, newest first. */
async function runsOf(id: string, since: number): Promise<{ dataset: { ref: { options?: Record<string, unknown> }; preprocessing?: { method: string } } }[]> {
  const found: { at: number; doc: never }[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const p = join(dir, e.name);
      if (e.isDirectory() && depth < 6) await walk(p, depth + 1);
      else if (e.name === 'run.json' && (await stat(p)).mtimeMs >= since) {
        const doc = JSON.parse(await readFile(p, 'utf8')) as never as { dataset?: { id?: string } };
        if (doc.dataset?.id === id) found.push({ at: (await stat(p)).mtimeMs, doc: doc as never });
      }
    }
  };
  await walk(WORKSPACE, 0);
  return found.sort((a, b) => b.at - a.at).map((f) => f.doc);
}

test('linear regression trains with scaling none and standardise; the run records the scaling', async ({ app: page }, info) => {
  const since = Date.now() - 1000;
  await openTemplate(page, 'linear-regression', 2);
  await page.getByRole('tab', { name: 'Data', exact: true }).click();
  const card = page.locator('[data-card="inputs"]');
  await expect(card).toBeVisible({ timeout: 60_000 });
  // One raw feature: scaling only, no engineered features.
  await expect(card.locator('[data-engineered]')).toHaveCount(0);
  await expect(card.locator('[data-inputs="scaling"]')).toHaveValue('none');

  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'finished', { timeout: 90_000 });

  await page.getByRole('tab', { name: 'Data', exact: true }).click();
  await card.locator('[data-inputs="scaling"]').selectOption('standardize');
  await expect(card).toContainText('standard deviation');
  await snap(page, info, 'scaling-standardise');
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'finished', { timeout: 90_000 });
  await snap(page, info, 'scaling-standardise-trained');

  await expect.poll(async () => (await runsOf('line', since)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  const [standardised, raw] = await runsOf('line', since);
  expect(standardised!.dataset.ref.options?.preprocess).toBe('standardize');
  expect(standardised!.dataset.preprocessing?.method).toBe('standardize');
  expect(raw!.dataset.ref.options?.preprocess).toBeUndefined();
  expect(raw!.dataset.preprocessing?.method ?? 'none').toBe('none');
});
