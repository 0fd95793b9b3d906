// The dark theme: the toggle switches the page's colours, the canvas follows, and the choice
// survives a reload.
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.js';

const bg = (page: Page, sel: string) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).backgroundColor);
// Relative luminance of an rgb() colour, enough to tell light from dark.
function lum(rgb: string): number {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g)!.map(Number);
  return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
}

test('the theme toggle switches between light and dark and is remembered', async ({ app: page }, info) => {
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.locator('[data-template="mnist-convolutional"]').click();
  await expect(page.locator('[data-view="canvas"] [data-node-id]').first()).toBeVisible();
  const html = page.locator('html');
  const toggle = page.getByRole('button', { name: 'Switch theme' });
  // Start from light whatever the system prefers.
  if ((await html.getAttribute('data-theme')) === 'dark') await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  const lightTop = lum(await bg(page, 'header.topbar'));
  expect(lightTop).toBeGreaterThan(0.6);
  await snap(page, info, 'light');

  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(lum(await bg(page, 'header.topbar'))).toBeLessThan(0.3);
  await expect(page.locator('.react-flow.dark')).toHaveCount(1);
  // Node text stays readable: light text on a dark node.
  const node = page.locator('.react-flow__node').first();
  expect(lum(await node.evaluate((e) => getComputedStyle(e.querySelector('[data-node-id]') ?? e).color))).toBeGreaterThan(0.6);
  await snap(page, info, 'dark');

  await page.reload();
  const offer = page.getByRole('alertdialog', { name: 'Recover unsaved work' });
  await expect(page.locator('[data-kind="Dense"]').first()).toBeVisible();
  if (await offer.isVisible()) await offer.getByRole('button', { name: 'Discard' }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await toggle.click();
  await expect(html).toHaveAttribute('data-theme', 'light');
});
