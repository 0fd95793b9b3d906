// (b) Open the XOR template, train it, watch the loss chart grow and the accuracy reach
// 100 %, and see the confusion matrix.
import { expect, openTemplate, setField, snap, test } from './fixtures.js';

test('XOR template trains to 100 % with live charts and a confusion matrix', async ({ app: page }, info) => {
  await openTemplate(page, 'xor', 3);
  await expect(page.locator('[data-view="canvas"] [data-error]')).toHaveCount(0);
  await snap(page, info, 'xor-template');

  // With a warm training worker the template's 200 epochs can end between two samples of the
  // chart; 2,000 keep it running long enough to be seen growing.
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await setField(page, 'epochs', '2000');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const dash = page.locator('[data-training-state]');
  await expect(dash).toHaveAttribute('data-training-state', /running|finished/);

  // Sample the loss chart's point count until the run ends: it only ever grows.
  const loss = page.locator('[data-chart="loss"]');
  const samples: number[] = [];
  for (let i = 0; i < 600; i++) {
    samples.push(Number((await loss.getAttribute('data-points')) ?? 0));
    const state = await dash.getAttribute('data-training-state');
    if (state !== 'running') break;
    await page.waitForTimeout(100);
  }
  await expect(dash).toHaveAttribute('data-training-state', 'finished');
  const final = Number(await loss.getAttribute('data-points'));
  expect(final).toBeGreaterThan(1);
  for (let i = 1; i < samples.length; i++) expect(samples[i]).toBeGreaterThanOrEqual(samples[i - 1]!);
  // Seen while running, not only at the end: the chart grew live.
  expect(new Set(samples).size).toBeGreaterThanOrEqual(2);
  expect(final).toBeGreaterThanOrEqual(samples.at(-1)!);
  await expect(page.locator('[data-chart="accuracy"]')).toBeVisible();

  await expect(page.locator('[data-test-accuracy]')).toHaveAttribute('data-test-accuracy', '1');
  const cm = page.locator('[data-view="confusion-matrix"]');
  await expect(cm).toBeVisible();
  // Two classes: a 2×2 matrix with every example on the diagonal.
  await expect(cm.locator('tbody tr')).toHaveCount(2);
  const cells = await cm.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => Number(td.textContent))));
  expect(cells[0]![1]).toBe(0);
  expect(cells[1]![0]).toBe(0);
  expect(cells[0]![0]! + cells[1]![1]!).toBeGreaterThan(0);
  await snap(page, info, 'trained');
});
