// The prediction playground on a briefly trained simplified-MNIST run: a "1" drawn with the
// mouse as one vertical stroke, the 28×28 the model sees beside it, ten class bars that sum
// to one and follow the drawing, and Clear that empties it all.
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, snap, startMnistRun, test } from './fixtures.js';

async function stroke(page: Page, canvas: Locator, points: [number, number][]): Promise<void> {
  const box = (await canvas.boundingBox())!;
  const at = ([fx, fy]: [number, number]) => [box.x + fx * box.width, box.y + fy * box.height] as const;
  await page.mouse.move(...at(points[0]!));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 12 });
  await page.mouse.up();
}

async function probabilities(view: Locator): Promise<Record<string, number>> {
  const rows = view.locator('.prob-row');
  const out: Record<string, number> = {};
  for (const r of await rows.all()) out[(await r.getAttribute('data-class'))!] = Number(await r.getAttribute('data-probability'));
  return out;
}

test('draw a digit: the MNIST run predicts it, bars follow the drawing, Clear resets', async ({ app: page }, info) => {
  test.setTimeout(240_000);
  await startMnistRun(page, 3);
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'finished', { timeout: 180_000 });

  const inside = page.locator('[data-view="inspect"]');
  await inside.scrollIntoViewIfNeeded();
  await inside.locator('[data-tab="playground"]').click();
  const view = inside.locator('[data-view="playground"]');
  const canvas = view.locator('canvas[data-input="draw"]');
  await expect(canvas).toBeVisible();
  await canvas.scrollIntoViewIfNeeded();
  await expect(view.getByText('Draw a digit, or upload an image.')).toBeVisible();

  // A "1": one vertical stroke, a little right of the middle (the engine centres it).
  await stroke(page, canvas, [
    [0.6, 0.15],
    [0.58, 0.85],
  ]);
  const probs = view.locator('.playground-probs');
  await expect(probs.locator('.prob-row')).toHaveCount(10);
  const one = await probabilities(view);
  expect(Object.keys(one)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  expect(Object.values(one).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  const top = Object.entries(one).sort((a, b) => b[1] - a[1])[0]![0];
  await expect(view.locator('[data-role="predicted-class"]')).toHaveText(top);
  await expect(probs).toHaveAttribute('data-predicted', '1');
  // What the model saw is drawn beside the canvas.
  await expect(view.getByRole('img', { name: 'the input as the model sees it' })).toBeVisible();
  await view.scrollIntoViewIfNeeded();
  await snap(page, info, 'playground-one');

  // A crossbar turns it into something else: the probabilities move with the drawing.
  await stroke(page, canvas, [
    [0.25, 0.2],
    [0.8, 0.2],
  ]);
  await expect.poll(async () => (await probabilities(view))['1']).not.toBeCloseTo(one['1']!, 3);
  await snap(page, info, 'playground-changed');

  await view.getByRole('button', { name: 'Clear' }).click();
  await expect(probs).toHaveCount(0);
  await expect(view.getByText('Draw a digit, or upload an image.')).toBeVisible();
  const blank = await canvas.evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data).some((v, i) => i % 4 !== 3 && v > 0));
  expect(blank).toBe(false);
});

test('upload an image to the MNIST run, and type feature values for XOR', async ({ app: page }, info) => {
  test.setTimeout(240_000);
  await startMnistRun(page, 1);
  const state = page.locator('[data-training-state]');
  await expect(state).toHaveAttribute('data-training-state', 'finished', { timeout: 180_000 });
  const inside = page.locator('[data-view="inspect"]');
  await inside.locator('[data-tab="playground"]').click();
  const view = inside.locator('[data-view="playground"]');
  // A 56×56 PNG of a white bar on black: the browser shrinks it to the 28×28 input.
  const png = await sharp(Buffer.from(Uint8Array.from({ length: 56 * 56 }, (_, i) => (Math.abs((i % 56) - 28) < 4 && i > 56 * 8 && i < 56 * 48 ? 255 : 0))), { raw: { width: 56, height: 56, channels: 1 } })
    .png()
    .toBuffer();
  await view.locator('input[data-input="upload"]').setInputFiles({ name: 'bar.png', mimeType: 'image/png', buffer: png });
  await expect(view.locator('.playground-probs .prob-row')).toHaveCount(10);
  await expect(view.getByText('bar.png')).toBeVisible();
  const seen = await view.getByRole('img', { name: 'the input as the model sees it' }).evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    return [c.width, c.height, d[(14 * 28 + 14) * 4]!, d[(14 * 28 + 2) * 4]!];
  });
  expect(seen).toEqual([28, 28, 255, 0]); // the bar's middle white, the edge black
  await expect(view.getByText('the image resized')).toBeVisible();
  await view.scrollIntoViewIfNeeded();
  await snap(page, info, 'playground-upload');

  // A tabular run: one field per feature, filled from a test sample; the bars follow edits.
  await page.getByRole('tab', { name: 'Editor' }).click();
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.locator('[data-template="xor"]').click();
  // The MNIST project's edited epochs are unsaved work: the app asks first.
  const discard = page.getByRole('button', { name: 'Discard changes' });
  await discard.waitFor({ timeout: 5_000 }).then(
    () => discard.click(),
    () => {},
  );
  await expect(page.locator('[data-view="canvas"] [data-node-id]')).toHaveCount(3);
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(state).toHaveAttribute('data-training-state', 'finished', { timeout: 60_000 });
  await page.locator('[data-view="inspect"] [data-tab="playground"]').click();
  const fields = page.locator('[data-view="playground"] input[data-feature]');
  await expect(fields).toHaveCount(2);
  await expect(fields.first()).not.toHaveValue('');
  const rows = page.locator('[data-view="playground"] .prob-row');
  await expect(rows).toHaveCount(2);
  await fields.nth(0).fill('0');
  await fields.nth(1).fill('0');
  await expect(page.locator('[data-view="playground"] .playground-probs')).toHaveAttribute('data-predicted', /.+/);
  const at00 = await rows.first().getAttribute('data-probability');
  await fields.nth(0).fill('1');
  await expect.poll(() => rows.first().getAttribute('data-probability')).not.toBe(at00);
  await page.locator('[data-view="playground"] .playground-probs').scrollIntoViewIfNeeded();
  await snap(page, info, 'playground-xor');
});
