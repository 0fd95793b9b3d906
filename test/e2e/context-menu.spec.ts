// The canvas's context menu on a layer, a connection and the empty canvas, by mouse and by
// keyboard; what it does goes through the same edits as the keys (one undo step each).
import type { Page } from '@playwright/test';
import { expect, openTemplate, snap, test } from './fixtures.js';

const nodes = (page: Page) => page.locator('[data-view="canvas"] [data-node-id]');
const node = (page: Page, id: string) => page.locator(`[data-view="canvas"] .react-flow__node[data-id="${id}"]`);
const menu = (page: Page) => page.getByRole('menu');
const item = (page: Page, name: string | RegExp) => menu(page).getByRole('menuitem', { name });
const box = async (page: Page, id: string) => (await node(page, id).boundingBox())!;

test('right click on a layer, a connection and the canvas: cut, copy, paste, duplicate, delete, add a layer here', async ({ app: page }, info) => {
  await openTemplate(page, 'xor', 3);
  await page.waitForTimeout(400);

  // On a layer: the edit actions, keyboard-driven; Escape closes.
  await node(page, 'hidden').click({ button: 'right' });
  await expect(menu(page)).toBeVisible();
  await expect(menu(page).getByRole('menuitem')).toHaveText([/^Cut/, /^Copy/, /^Paste/, /^Duplicate/, /^Group into Block/, /^Delete/]);
  await expect(item(page, /^Paste/)).toHaveAttribute('aria-disabled', 'true');
  await expect(item(page, /^Cut/)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(item(page, /^Copy/)).toBeFocused();
  // Paste is off (nothing copied yet): the arrows step over it.
  await page.keyboard.press('ArrowDown');
  await expect(item(page, /^Duplicate/)).toBeFocused();
  await snap(page, info, 'node-menu');
  await page.keyboard.press('Escape');
  await expect(menu(page)).toHaveCount(0);

  // Duplicate: a new layer, offset from the original, not on it.
  const original = await box(page, 'hidden');
  await node(page, 'hidden').click({ button: 'right' });
  await item(page, /^Duplicate/).click();
  await expect(nodes(page)).toHaveCount(4);
  const copyId = await page.locator('.react-flow__node.selected').getAttribute('data-id');
  expect(copyId).not.toBe('hidden');
  const copy = await box(page, copyId!);
  expect(Math.abs(copy.x - original.x) + Math.abs(copy.y - original.y)).toBeGreaterThan(20);
  await page.keyboard.press('Control+z');
  await expect(nodes(page)).toHaveCount(3);

  // Copy from the menu, then "Paste here" on the empty canvas puts the copy at the click.
  await node(page, 'hidden').click({ button: 'right' });
  await item(page, /^Copy/).click();
  const canvas = (await page.locator('[data-view="canvas"]').boundingBox())!;
  const spot = { x: canvas.x + canvas.width - 260, y: canvas.y + 120 };
  await page.mouse.click(spot.x, spot.y, { button: 'right' });
  await expect(item(page, 'Paste here')).not.toHaveAttribute('aria-disabled', 'true');
  await item(page, 'Paste here').click();
  await expect(nodes(page)).toHaveCount(4);
  const pastedId = await page.locator('.react-flow__node.selected').getAttribute('data-id');
  const pasted = await box(page, pastedId!);
  expect(Math.abs(pasted.x - spot.x)).toBeLessThan(4);
  expect(Math.abs(pasted.y - spot.y)).toBeLessThan(4);

  // Cut from the menu removes the layer; Ctrl+Z brings it back.
  await node(page, pastedId!).click({ button: 'right' });
  await item(page, /^Cut/).click();
  await expect(nodes(page)).toHaveCount(3);

  // "Add a layer here…": a kind picker; typing narrows it, Enter adds the layer at the click.
  const here = { x: canvas.x + 60, y: canvas.y + canvas.height - 200 };
  await page.mouse.click(here.x, here.y, { button: 'right' });
  await item(page, 'Add a layer here…').click();
  const picker = page.getByRole('dialog', { name: 'Add a layer here' });
  await expect(picker.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('drop');
  await expect(picker.getByRole('option').first()).toHaveText(/^Dropout/);
  await snap(page, info, 'kind-picker');
  await page.keyboard.press('Enter');
  await expect(picker).toHaveCount(0);
  await expect(nodes(page)).toHaveCount(4);
  const added = page.locator('.react-flow__node.selected');
  await expect(added.locator('[data-node-id]')).toHaveAttribute('data-kind', 'Dropout');
  const addedBox = (await added.boundingBox())!;
  expect(Math.abs(addedBox.x - here.x)).toBeLessThan(4);
  expect(Math.abs(addedBox.y - here.y)).toBeLessThan(4);

  // On a connection: delete it.
  const edges = page.locator('[data-view="canvas"] .react-flow__edge');
  await expect(edges).toHaveCount(2);
  // Just above the shape label, on the line itself.
  const label = (await page.locator('[data-view="canvas"] .edge-label').first().boundingBox())!;
  await page.mouse.click(label.x + label.width / 2, label.y - 5, { button: 'right' });
  await expect(menu(page)).toBeVisible();
  await item(page, 'Delete connection').click();
  await expect(edges).toHaveCount(1);

  // From the keyboard: Shift+F10 on the selected layer, End to Delete, Enter.
  await node(page, 'out').click();
  await page.keyboard.press('Shift+F10');
  await expect(menu(page)).toBeVisible();
  await page.keyboard.press('End');
  await expect(item(page, /^Delete/)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(node(page, 'out')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(node(page, 'out')).toHaveCount(1);
});
