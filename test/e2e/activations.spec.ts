// Feature maps of the convolutional MNIST template after a short run: pick a test digit;
// the first convolution shows one tile per filter (30), its kernels as 30 small images, the
// softmax ten probabilities that sum to one; a click opens a node large.
import type { Locator } from '@playwright/test';
import { expect, openTemplate, setField, snap, test } from './fixtures.js';

const probabilities = (node: Locator) => node.locator('[data-p]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-p'))));

test('activations: a test digit through the conv MNIST net, one tile per filter, ten probabilities', async ({ app: page }, info) => {
  test.setTimeout(300_000);
  await openTemplate(page, 'mnist-convolutional', 9);
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  // Short: one epoch over a fifth of the training digits (the rest validate).
  await setField(page, 'epochs', '1');
  await setField(page, 'validationSplit', '0.8');
  await setField(page, 'batchSize', '64');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'finished', { timeout: 240_000 });

  const inside = page.locator('[data-view="inspect"]');
  await inside.scrollIntoViewIfNeeded();
  await inside.locator('[data-tab="activations"]').click();
  const view = inside.locator('[data-view="activations"]');
  await expect(view).toBeVisible();

  // A test digit: the first 7 of the test split.
  await view.getByLabel('show samples of class').selectOption('7');
  const thumb = view.locator('.sample-thumb').first();
  await expect(thumb).toContainText('7');
  const index = await thumb.getAttribute('data-sample');
  await thumb.click();
  await expect(view).toHaveAttribute('data-sample', index!);
  await expect(view.locator('.act-caption')).toContainText(`Test sample ${index} (class 7)`);

  // Every node of the graph, in order (Input first, the softmax last).
  const nodes = view.locator('[data-node]:not([data-node="kernels"])');
  await expect(nodes).toHaveCount(9);
  expect(await nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-node')))).toEqual(['in', 'conv1', 'conv2', 'pool', 'drop', 'flat', 'dense1', 'dense2', 'out']);

  const conv1 = view.locator('[data-node="conv1"]');
  await expect(conv1).toHaveAttribute('data-show', 'image');
  await expect(conv1.locator('[data-tile]')).toHaveCount(30);
  await expect(conv1).toContainText('30 channels of 24×24');
  await expect(view.locator('[data-node="pool"] [data-tile]')).toHaveCount(15);
  await expect(view.locator('[data-node="kernels"] [data-tile]')).toHaveCount(30);
  await expect(view.locator('[data-node="kernels"]')).toContainText('30 filters of 5×5');
  // A feature map holds a picture: some tiles are not blank.
  const lit = await conv1.locator('canvas').evaluateAll((cs) =>
    cs.filter((c) => {
      const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, (c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height).data;
      for (let i = 0; i < d.length; i += 4) if (d[i]! > 100) return true;
      return false;
    }).length,
  );
  expect(lit).toBeGreaterThan(5);
  await expect(view.locator('[data-node="dense1"] svg[data-bars="128"]')).toBeVisible();

  const out = view.locator('[data-node="out"]');
  await expect(out).toHaveAttribute('data-show', 'probabilities');
  const p = await probabilities(out);
  expect(p).toHaveLength(10);
  expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
  expect(await out.locator('[data-class]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-class')))).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  await view.scrollIntoViewIfNeeded();
  await snap(page, info, 'activations');
  await out.scrollIntoViewIfNeeded();
  await snap(page, info, 'activations-output');

  // A click opens the node large; Escape closes it.
  await conv1.click();
  const large = page.getByRole('dialog');
  await expect(large).toBeVisible();
  await expect(large.locator('[data-large="conv1"] [data-tile]')).toHaveCount(30);
  await snap(page, info, 'activations-conv1-large');
  await page.keyboard.press('Escape');
  await expect(large).toHaveCount(0);

  // A digit drawn with the mouse goes through the same nodes: a "1", one vertical stroke.
  await view.getByRole('button', { name: 'Draw or upload a digit' }).click();
  const pad = view.locator('canvas[data-input="draw"]');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 0.55 * box.width, box.y + 0.15 * box.height);
  await page.mouse.down();
  await page.mouse.move(box.x + 0.5 * box.width, box.y + 0.85 * box.height, { steps: 12 });
  await page.mouse.up();
  await expect(view.locator('.act-caption')).toContainText('Your drawing, framed as the MNIST digits were');
  await expect(view).not.toHaveAttribute('data-sample');
  await expect(conv1.locator('[data-tile]')).toHaveCount(30);
  const drawn = await probabilities(out);
  expect(drawn).toHaveLength(10);
  expect(drawn.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
  expect(drawn).not.toEqual(p);
  await view.scrollIntoViewIfNeeded();
  await snap(page, info, 'activations-drawn');
  await view.getByRole('button', { name: 'Back to the test samples' }).click();
  await expect(view.locator('.act-caption')).toContainText(`Test sample ${index} (class 7)`);
});
