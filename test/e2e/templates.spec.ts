// The templates gallery: every card opens a network that checks, with its parameter count;
// the lecture's three MNIST programs have the counts of the lecture.
import { expect, snap, test } from './fixtures.js';

const MNIST: Record<string, string> = {
  'mnist-standard': '669,706',
  'mnist-simplified': '79,510',
  'mnist-convolutional': '244,253',
};

test('every template opens and checks, with its parameter count', async ({ app: page }, info) => {
  await page.getByRole('button', { name: 'Templates' }).click();
  const cards = page.locator('[data-template]');
  await expect(cards.first()).toBeVisible();
  await snap(page, info, 'gallery');
  const ids = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-template')!));
  expect(ids.length).toBeGreaterThanOrEqual(9);
  expect(ids).toEqual(expect.arrayContaining(Object.keys(MNIST)));
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const status = page.locator('footer.statusbar');
  for (const id of ids) {
    await page.getByRole('button', { name: 'Templates' }).click();
    await page.locator(`[data-template="${id}"]`).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.locator('[data-view="canvas"] [data-node-id]').first()).toBeVisible();
    await expect(status, `template ${id}`).toHaveAttribute('data-check', 'ok');
    await expect(status, `template ${id}`).toContainText('Checks pass');
    await expect(page.locator('[data-view="canvas"] [data-error]'), `template ${id}`).toHaveCount(0);
    const params = (await status.textContent())!.match(/([\d,]+) params/)?.[1];
    expect(params, `template ${id}: a parameter count`).toBeDefined();
    expect(Number(params!.replace(/,/g, '')), `template ${id}`).toBeGreaterThan(0);
    if (MNIST[id]) expect(params, `template ${id}`).toBe(MNIST[id]);
    await snap(page, info, `template-${id}`);
  }
});
