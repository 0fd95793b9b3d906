// Reload mid-run (browser mode): the tab rejoins its session on the host, so the training job
// goes on; the dashboard comes back with the run drawn so far, keeps counting epochs and
// shows the test results when the run finishes.
import { expect, snap, startMnistRun, test } from './fixtures.js';

test('a reload during training keeps the run going and the dashboard follows it to the end', async ({ app: page }, info) => {
  test.setTimeout(240_000);
  // Enough epochs that the run is still going after the reload, few enough to finish here.
  await startMnistRun(page, 80);
  const dash = page.locator('[data-training-state]');
  const epoch = async () => Number((await page.locator('[data-epoch]').getAttribute('data-epoch')) ?? 0);
  const points = async () => Number((await page.locator('[data-chart="loss"]').getAttribute('data-points')) ?? 0);
  await expect.poll(epoch, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  const sessionId = await page.evaluate(() => sessionStorage.getItem('layerlab.session'));
  expect(sessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const before = await epoch();
  const pointsBefore = await points();
  await snap(page, info, 'before-reload');

  await page.reload();
  // The same tab, the same session.
  expect(await page.evaluate(() => sessionStorage.getItem('layerlab.session'))).toBe(sessionId);
  // The autosave may offer the edited template back; that is the document's business, not the run's.
  const offer = page.getByRole('alertdialog', { name: 'Recover unsaved work' });
  if (await offer.isVisible().catch(() => false)) await offer.getByRole('button', { name: 'Recover' }).click();

  // The dashboard opens by itself on the run that goes on, with what was drawn before.
  await expect(dash).toHaveAttribute('data-training-state', 'running');
  expect(await epoch()).toBeGreaterThanOrEqual(before);
  expect(await points()).toBeGreaterThanOrEqual(pointsBefore);
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeEnabled();
  await snap(page, info, 'after-reload');

  // Still progressing: the epoch counter grows past where it stood at the reload.
  await expect.poll(epoch, { timeout: 60_000 }).toBeGreaterThan(before + 1);
  await snap(page, info, 'progressing');

  await expect(dash).toHaveAttribute('data-training-state', 'finished', { timeout: 180_000 });
  expect(await epoch()).toBe(80);
  // The job's model outlived the page: the evaluation runs on it as after any run.
  await expect.poll(async () => Number(await page.locator('[data-test-accuracy]').getAttribute('data-test-accuracy'))).toBeGreaterThan(0.8);
  await expect(page.locator('[data-view="confusion-matrix"]')).toBeVisible();
  await snap(page, info, 'finished');
});
