// The app as a person sees it at two common window sizes, light and dark: screenshots kept as
// artifacts, and checks for what looks broken (bars that overflow, text cut off in nodes).
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.js';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** Elements whose content is wider than their box (text cut off or spilling out). */
async function overflowing(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.className}: ${(e.textContent ?? '').slice(0, 60)}`),
  );
}

for (const size of SIZES) {
  test(`looks right at ${size.width}×${size.height}, light and dark`, async ({ app: page }, info) => {
    await page.setViewportSize(size);
    await page.getByRole('button', { name: 'Templates' }).click();
    await expect(page.locator('[data-template]').first()).toBeVisible();
    expect(await overflowing(page, '[data-template] h3'), 'template titles fit their cards').toEqual([]);
    await snap(page, info, `${size.width}-gallery`);
    await page.locator('[data-template="mnist-convolutional"]').click();
    await expect(page.locator('[data-view="canvas"] [data-node-id]')).toHaveCount(9);
    // Opened at a readable zoom: a layer's kind is drawn at 10 px or more.
    await page.waitForTimeout(400);
    const kindPx = async () => (await page.locator('.layer-node .kind').first().boundingBox())!.height;
    expect(await kindPx()).toBeGreaterThanOrEqual(10);
    // The input layer, at the top, is in view.
    await expect(page.locator('[data-node-id="in"]')).toBeInViewport();
    await snap(page, info, `${size.width}-opened`);
    await page.getByRole('button', { name: 'Zoom to fit' }).click();
    await page.waitForTimeout(400);
    await expect(page.locator('[data-node-id="out"]')).toBeInViewport();
    for (const theme of ['light', 'dark'] as const) {
      if ((await page.locator('html').getAttribute('data-theme')) !== theme) await page.getByRole('button', { name: 'Switch theme' }).click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await snap(page, info, `${size.width}-${theme}-editor`);
      expect(await overflowing(page, 'header.topbar'), 'the top bar fits the window').toEqual([]);
      expect(await overflowing(page, 'footer.statusbar'), 'the status bar fits the window').toEqual([]);
      await page.getByRole('tab', { name: 'Summary' }).click();
      await snap(page, info, `${size.width}-${theme}-summary`);
      await page.getByRole('tab', { name: 'Inspector' }).click();
      const view = () => page.locator('.react-flow__viewport').getAttribute('style');
      const before = await view();
      await page.getByRole('tab', { name: 'Dashboard' }).click();
      await snap(page, info, `${size.width}-${theme}-dashboard`);
      await page.getByRole('tab', { name: 'Editor' }).click();
      // Back from the dashboard, the canvas shows the network where it was.
      expect(await view()).toBe(before);
    }
  });
}
