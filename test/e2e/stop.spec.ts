// Stop: a long run (the simplified MNIST template with many epochs) stops on the Stop button;
// the dashboard says so and the charts keep the points drawn so far.
import { expect, snap, startMnistRun, test } from './fixtures.js';

test('Stop ends a long MNIST run and the charts keep their points', async ({ app: page }, info) => {
  // Many epochs, so the run cannot finish by itself before Stop is pressed.
  await startMnistRun(page, 200);
  const dash = page.locator('[data-training-state]');
  const loss = page.locator('[data-chart="loss"]');
  // Wait for a few points so there is something to keep.
  await expect.poll(async () => Number((await loss.getAttribute('data-points')) ?? 0), { timeout: 60_000 }).toBeGreaterThan(2);
  await snap(page, info, 'running');

  const stop = page.getByRole('button', { name: 'Stop', exact: true });
  await expect(stop).toBeEnabled();
  await stop.click();
  await expect(dash).toHaveAttribute('data-training-state', 'stopped', { timeout: 30_000 });
  const kept = Number(await loss.getAttribute('data-points'));
  expect(kept).toBeGreaterThan(2);
  // Stopped well before the end: the epoch counter is below the 200 asked for.
  expect(Number(await page.locator('[data-epoch]').getAttribute('data-epoch'))).toBeLessThan(200);
  // The drawn line stays: points are not cleared once the run ends, nor later.
  await page.waitForTimeout(1000);
  expect(Number(await loss.getAttribute('data-points'))).toBe(kept);
  expect(Number(await loss.getAttribute('data-drawn'))).toBeGreaterThan(0);
  await expect(loss.locator('path.recharts-curve').first()).toBeVisible();
  await expect(page.locator('[data-stop-message]')).toHaveText(/^Stopped by the user (after \d+ complete epochs?|before the first epoch ended)\.$/);
  await expect(stop).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await snap(page, info, 'stopped');
});
