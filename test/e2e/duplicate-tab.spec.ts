// Browser mode: a duplicated tab (Chrome's "Duplicate tab" copies sessionStorage, and with it
// the session id) gets a session of its own, because the original, still open, holds a lease
// on its id; the original stays connected and keeps working.
import { APP, expect, snap, test } from './fixtures.js';

test('a duplicated tab gets its own session and the original stays connected', async ({ app: page, context }, info) => {
  const id = await page.evaluate(() => sessionStorage.getItem('layerlab.session'));
  expect(id).toBeTruthy();

  // The copy starts with the original's sessionStorage, as a duplicated tab does.
  const dup = await context.newPage();
  await dup.addInitScript((kept) => {
    if (!sessionStorage.getItem('layerlab.session')) sessionStorage.setItem('layerlab.session', kept);
  }, id!);
  await dup.goto(APP);
  await expect(dup.locator('[data-kind="Dense"]').first()).toBeVisible();
  const dupId = await dup.evaluate(() => sessionStorage.getItem('layerlab.session'));
  expect(dupId).toMatch(/^[0-9a-f-]{36}$/);
  expect(dupId).not.toBe(id);

  // Both talk to the host: each loads MNIST's summary in its Data view.
  for (const p of [page, dup]) {
    await p.getByRole('tab', { name: 'Data', exact: true }).click();
    const panel = p.locator('[data-view="data"]');
    await panel.locator('[data-dataset="mnist"]').click();
    await expect(panel.locator('[data-dataset-id="mnist"]')).toBeVisible({ timeout: 60_000 });
    await expect(panel.locator('[data-data-error]')).toHaveCount(0);
  }
  await snap(page, info, 'original-after-duplicate');

  // A reload of the original still rejoins its own session.
  await page.reload();
  await expect(page.locator('[data-kind="Dense"]').first()).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('layerlab.session'))).toBe(id);
  await dup.close();
});
