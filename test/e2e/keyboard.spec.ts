// Keyboard only: choose a palette item and press Enter to add it at the centre of the canvas;
// type in the search box and press Enter to add the first match.
import { expect, snap, test } from './fixtures.js';

test('a chosen palette item is added at the centre with Enter', async ({ app: page }, info) => {
  const canvas = page.locator('[data-view="canvas"]');
  const nodes = canvas.locator('[data-node-id]');
  await expect(nodes).toHaveCount(0);

  await page.locator('[data-kind="Input"]').first().focus();
  await expect(page.locator('[data-kind="Input"]').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(nodes).toHaveCount(1);
  await expect(nodes.first()).toHaveAttribute('data-kind', 'Input');

  // The new layer sits in the middle of the visible canvas.
  const c = (await canvas.boundingBox())!;
  const n = (await nodes.first().boundingBox())!;
  const dx = Math.abs(n.x + n.width / 2 - (c.x + c.width / 2));
  const dy = Math.abs(n.y + n.height / 2 - (c.y + c.height / 2));
  expect(dx).toBeLessThan(c.width * 0.1);
  expect(dy).toBeLessThan(c.height * 0.1);
  // And is selected, so the inspector shows it.
  await expect(page.locator('.react-flow__node.selected [data-kind="Input"]')).toHaveCount(1);

  // Tab to the next item and press Enter: a Dense (or whatever follows), not on top of the first.
  await page.locator('[data-kind="Input"]').first().focus();
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement?.getAttribute('data-kind'));
  expect(next).toBeTruthy();
  await page.keyboard.press('Enter');
  await expect(nodes).toHaveCount(2);
  const boxes = await nodes.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => `${Math.round(r.x)},${Math.round(r.y)}`));
  expect(new Set(boxes).size).toBe(2);

  // Search, then Enter: the first match.
  const search = page.getByRole('searchbox', { name: 'Search layers' });
  await search.fill('lstm');
  await search.press('Enter');
  await expect(nodes).toHaveCount(3);
  await expect(canvas.locator('[data-node-id][data-kind="LSTM"]')).toHaveCount(1);
  await snap(page, info, 'added-by-keyboard');
});

test('the menu keys work in the browser too: Ctrl+Shift+O opens the templates, Ctrl+/ the shortcuts', async ({ app: page }, info) => {
  await page.locator('[data-view="canvas"]').click();
  await page.keyboard.press('Control+Shift+O');
  const templates = page.getByRole('dialog', { name: 'Templates' });
  await expect(templates).toBeVisible();
  await expect(templates.locator('[data-template]').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(templates).toHaveCount(0);

  await page.keyboard.press('Control+/');
  const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(shortcuts).toBeVisible();
  // The dialog lists the table's actions with their keys, these two among them.
  await expect(shortcuts.locator('[data-action="file.openTemplate"]')).toContainText('Ctrl+Shift+O');
  await expect(shortcuts.locator('[data-action="help.shortcuts"]')).toContainText('Ctrl+/');
  await snap(page, info, 'shortcuts-by-keyboard');
  await page.keyboard.press('Escape');
  await expect(shortcuts).toHaveCount(0);
});
