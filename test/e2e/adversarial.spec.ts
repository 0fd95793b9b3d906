// Adversarial examples on a briefly trained simplified-MNIST run: See inside → Adversarial,
// the ε slider at 0 (the adversarial image is the image) and at the lecture's 0.1 (the
// image, the sign of the gradient, the sum, two predictions), and the accuracy against ε.
import type { Locator } from '@playwright/test';
import { expect, snap, startMnistRun, test } from './fixtures.js';

/** The distinct gray levels a canvas holds (R of each pixel). */
async function levels(canvas: Locator): Promise<number[]> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4) seen.add(d[i]!);
    return [...seen].sort((a, b) => a - b);
  });
}

async function pixels(canvas: Locator): Promise<number[]> {
  return canvas.evaluate((c: HTMLCanvasElement) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data));
}

test('FGSM on an MNIST run: image, sign of the gradient and adversarial image with predictions, ε slider, accuracy curve', async ({ app: page }, info) => {
  test.setTimeout(240_000);
  await startMnistRun(page, 2);
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'finished', { timeout: 180_000 });

  const inside = page.locator('[data-view="inspect"]');
  await inside.scrollIntoViewIfNeeded();
  await inside.locator('[data-tab="adversarial"]').click();
  const view = inside.locator('[data-view="adversarial"]');
  await expect(view).toBeVisible();
  const slider = view.locator('input[data-control="epsilon"]');
  await expect(slider).toHaveAttribute('min', '0');
  await expect(slider).toHaveAttribute('max', '0.3');
  await expect(slider).toHaveAttribute('step', '0.01');

  // ε = 0: the adversarial image is the image, and so is its prediction.
  await slider.fill('0');
  await expect(view).toHaveAttribute('data-epsilon', '0');
  await expect(view.locator('[data-role="epsilon-value"]')).toHaveText('ε = 0.00');
  const clean = view.locator('[data-image="clean"] canvas');
  const adv = view.locator('[data-image="adversarial"] canvas');
  await expect(clean).toBeVisible();
  expect(await pixels(adv)).toEqual(await pixels(clean));
  const cleanClass = await view.locator('[data-prediction="clean"]').getAttribute('data-class');
  await expect(view.locator('[data-prediction="adversarial"]')).toHaveAttribute('data-class', cleanClass!);

  await slider.fill('0.1');
  await expect(view).toHaveAttribute('data-epsilon', '0.1');
  await expect(view.locator('[data-role="epsilon-value"]')).toHaveText('ε = 0.10');
  await expect(view.getByText('every pixel moves by 25.5 of 255')).toBeVisible();
  // Three images: x, the perturbation, x + ε·sign; two predictions with a class and a confidence.
  await expect(view.locator('.adv-figure figure canvas')).toHaveCount(3);
  for (const which of ['clean', 'perturbation', 'adversarial']) await expect(view.locator(`[data-image="${which}"] canvas`)).toBeVisible();
  const predictions = view.locator('[data-prediction]');
  await expect(predictions).toHaveCount(2);
  for (const p of await predictions.all()) {
    await expect(p).toHaveText(/^“\d” \d+\.\d %$/);
    const c = Number(await p.getAttribute('data-confidence'));
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThanOrEqual(1);
  }
  await expect(view.locator('[data-prediction="clean"]')).toHaveAttribute('data-class', cleanClass!);
  // The perturbation is drawn in three levels only: black −1, gray 0, white +1.
  const signLevels = await levels(view.locator('[data-image="perturbation"] canvas'));
  expect(signLevels.length).toBeGreaterThanOrEqual(2);
  for (const v of signLevels) expect([0, 127, 128, 255]).toContain(v);
  expect(await pixels(adv)).not.toEqual(await pixels(clean));
  // Ten classes' probabilities, clean beside adversarial.
  await expect(view.locator('.adv-prob-row')).toHaveCount(10);

  // The curve of test accuracy against ε, with the current ε marked.
  const chart = view.locator('[data-chart="adversarial-accuracy"]');
  await expect(chart).toBeVisible({ timeout: 60_000 });
  await expect(chart).toHaveAttribute('data-points', '12');
  // Asked in pieces of 100, until the first 500 test images are in.
  await expect(chart).toHaveAttribute('data-complete', 'true', { timeout: 60_000 });
  await expect(chart).toHaveAttribute('data-samples', '500');
  await expect(view.getByText('(the first 500 test images, each attacked with its own gradient)')).toBeVisible();
  await expect(chart).toHaveAttribute('data-marked', '0.1');
  await expect(chart.locator('.recharts-line-curve')).toHaveCount(1);
  await expect(chart.locator('.recharts-reference-line')).toHaveCount(1);
  await expect(chart.getByText('ε = 0.10')).toBeVisible();
  await view.locator('.adv-figure').scrollIntoViewIfNeeded();
  await snap(page, info, 'adversarial-figure');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart.locator('.recharts-line-curve')).toBeVisible();
  await snap(page, info, 'adversarial-curve');
  await view.screenshot({ path: info.outputPath('adversarial-view.png') });
});
