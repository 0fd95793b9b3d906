// See inside for the two templates that are neither classifiers nor plane sets: the dense
// autoencoder's latent space (codes of test digits by their principal components, coloured
// by digit, originals above their rebuilds) and the LSTM's next-value predictions.
import type { Page } from '@playwright/test';
import { expect, openTemplate, setField, snap, test } from './fixtures.js';

async function train(page: Page, fields: Record<string, string>): Promise<void> {
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  for (const [name, value] of Object.entries(fields)) await setField(page, name, value);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'finished', { timeout: 240_000 });
}

test('the autoencoder trained briefly: its latent space shows test digits of several classes and their reconstructions', async ({ app: page }, info) => {
  test.setTimeout(300_000);
  await openTemplate(page, 'autoencoder', 7);
  // A small slice: three epochs on half the training digits (the rest held out for validation).
  await train(page, { epochs: '3', validationSplit: '0.5' });

  const inside = page.locator('[data-view="inspect"]');
  await inside.scrollIntoViewIfNeeded();
  // Not a sequence model: that tab is offered disabled, with the reason as its tooltip.
  await expect(inside.locator('[data-tab="sequence"]')).toBeDisabled();
  await expect(inside.locator('[data-tab="sequence"]')).toHaveAttribute('title', /task is regression/);
  await inside.locator('[data-tab="latent"]').click();
  const view = inside.locator('[data-view="latent-space"]');
  await expect(view).toHaveAttribute('data-node', 'code', { timeout: 60_000 });
  await expect(view).toHaveAttribute('data-projection', 'pca');

  const scatter = view.locator('[data-chart="latent"]');
  await expect(scatter).toHaveAttribute('data-points', '1000');
  await expect(scatter).toHaveAttribute('data-classes', '10');
  // The points are drawn, in more than one class colour.
  const fills = await scatter.locator('.recharts-scatter-symbol path, .recharts-scatter-symbol circle').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('fill')))]);
  expect(fills.length).toBeGreaterThanOrEqual(5);
  expect(await scatter.locator('.recharts-scatter-symbol').count()).toBe(1000);
  await expect(scatter.getByText(/^PC1 \(\d+(\.\d)? % of the variance\)$/)).toBeVisible();
  await expect(scatter.getByText(/^PC2 \(\d+(\.\d)? % of the variance\)$/)).toBeVisible();
  await expect(scatter.locator('.recharts-legend-item')).toHaveCount(10);

  // One original and its reconstruction per digit, both drawn (not blank).
  const pairs = view.locator('.latent-pair');
  await expect(pairs).toHaveCount(10);
  expect(await pairs.evaluateAll((els) => els.map((e) => e.getAttribute('data-class')))).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  const lit = await pairs.first().locator('canvas').evaluateAll((cs) =>
    (cs as HTMLCanvasElement[]).map((c) => Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data).filter((v, i) => i % 4 === 0 && v > 60).length),
  );
  expect(lit).toHaveLength(2);
  for (const n of lit) expect(n).toBeGreaterThan(20);
  await view.scrollIntoViewIfNeeded();
  await snap(page, info, 'latent-space');

  // Codes from another node: the 128-wide encoder layer.
  await view.getByLabel('code from node').selectOption('enc');
  await expect(view).toHaveAttribute('data-node', 'enc');
  await expect(view.getByText(/node enc \(Dense, 128 numbers\)/)).toBeVisible();
});

test('the LSTM trained briefly: the sequence view plots input, target and prediction for chosen test samples', async ({ app: page }, info) => {
  test.setTimeout(240_000);
  await openTemplate(page, 'lstm-sequence', 3);
  await train(page, { epochs: '3' });

  const inside = page.locator('[data-view="inspect"]');
  await inside.scrollIntoViewIfNeeded();
  await expect(inside.locator('[data-tab="latent"]')).toBeDisabled();
  await inside.locator('[data-tab="sequence"]').click();
  const view = inside.locator('[data-view="sequence-prediction"]');
  const plots = view.locator('.sequence-plot');
  await expect(plots).toHaveCount(3, { timeout: 60_000 });
  expect(await plots.evaluateAll((els) => els.map((e) => e.getAttribute('data-sample')))).toEqual(['0', '1', '2']);
  for (const plot of await plots.all()) {
    // Twenty input steps, then one target dot and one prediction dot.
    await expect(plot.locator('.recharts-line-dot')).toHaveCount(20);
    await expect(plot.locator('circle[data-role="target"]')).toHaveCount(1);
    await expect(plot.locator('circle[data-role="prediction"]')).toHaveCount(1);
    const [t, p] = [Number(await plot.getAttribute('data-target')), Number(await plot.getAttribute('data-prediction'))];
    expect(Math.abs(t)).toBeLessThanOrEqual(1.2);
    expect(Number.isFinite(p)).toBe(true);
  }
  await expect(view.locator('.recharts-legend-item-text').first()).toHaveText('input');

  // Another test sample, typed in, joins them.
  await view.getByLabel('add test sample').fill('42');
  await view.getByRole('button', { name: 'Add' }).click();
  await expect(plots).toHaveCount(4);
  await expect(plots.nth(3)).toHaveAttribute('data-sample', '42');
  await view.scrollIntoViewIfNeeded();
  await snap(page, info, 'sequence-prediction');
});
