// Crash recovery: edits that were never saved survive a reload through the autosave, and
// come back when the offer is taken.
import { expect, snap, test } from './fixtures.js';

test('unsaved edits are offered back after a reload and recovered', async ({ app: page }, info) => {
  const canvas = page.locator('[data-view="canvas"]');
  await page.locator('[data-kind="Input"]').first().dragTo(canvas, { targetPosition: { x: 400, y: 150 } });
  await page.locator('[data-kind="Dense"]').first().dragTo(canvas, { targetPosition: { x: 400, y: 350 } });
  await expect(canvas.locator('[data-node-id]')).toHaveCount(2);
  const name = page.getByRole('textbox', { name: 'Project name' });
  await name.fill('Unsaved work');
  await name.press('Tab');
  await expect(page.locator('[data-dirty]')).toBeVisible();
  const before = await canvas.locator('[data-node-id]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-node-id')}:${e.getAttribute('data-kind')}`).sort());
  // The autosave is debounced (half a second): give it time, as a person would.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('layerlab.autosave.v1') ?? '')).toContain('Unsaved work');

  // A crash: the page goes away without saving.
  await page.reload();
  const offer = page.getByRole('alertdialog', { name: 'Recover unsaved work' });
  await expect(offer).toBeVisible();
  await expect(offer).toContainText('Unsaved work');
  await expect(offer).toContainText('2 layers');
  await snap(page, info, 'recovery-offer');
  await offer.getByRole('button', { name: 'Recover' }).click();
  await expect(offer).toHaveCount(0);

  const after = await canvas.locator('[data-node-id]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-node-id')}:${e.getAttribute('data-kind')}`).sort());
  expect(after).toEqual(before);
  await expect(name).toHaveValue('Unsaved work');
  // Recovered work is still unsaved work.
  await expect(page.locator('[data-dirty]')).toBeVisible();
  await snap(page, info, 'recovered');

  // Discarding instead leaves an empty canvas and no offer on the next start.
  await page.waitForTimeout(700);
  await page.reload();
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Discard' }).click();
  await expect(canvas.locator('[data-node-id]')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('[data-kind="Dense"]').first()).toBeVisible();
  await expect(offer).toHaveCount(0);
});
