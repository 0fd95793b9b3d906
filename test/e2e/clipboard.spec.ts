// Copy, paste, duplicate, delete, select all and auto-layout on the canvas; each one is a
// single undo step.
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.js';

const nodes = (page: Page) => page.locator('[data-view="canvas"] [data-node-id]');
const positions = (page: Page) =>
  nodes(page).evaluateAll((els) => els.map((e) => `${e.getAttribute('data-node-id')}@${(e.closest('.react-flow__node') as HTMLElement).style.transform}`).sort());

test('copy, paste, duplicate, select all, delete and auto-layout each undo in one step', async ({ app: page }, info) => {
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.locator('[data-template="xor"]').click();
  await expect(nodes(page)).toHaveCount(3);
  const ids = await nodes(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')!));
  const undo = () => page.keyboard.press('Control+z');

  // Copy one layer and paste it twice: two new layers, each paste undone by one Ctrl+Z.
  await nodes(page).nth(1).click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(nodes(page)).toHaveCount(4);
  await page.keyboard.press('Control+v');
  await expect(nodes(page)).toHaveCount(5);
  // The pasted copy is selected, not the original.
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
  await expect(page.locator(`.react-flow__node.selected [data-node-id="${ids[1]}"]`)).toHaveCount(0);
  await snap(page, info, 'pasted');
  await undo();
  await expect(nodes(page)).toHaveCount(4);
  await undo();
  await expect(nodes(page)).toHaveCount(3);

  // Select all, duplicate: the whole network again, edges included; one undo removes it.
  const edges = page.locator('[data-view="canvas"] .react-flow__edge');
  await expect(edges).toHaveCount(2);
  await nodes(page).first().click();
  await page.keyboard.press('Control+a');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(3);
  await page.keyboard.press('Control+d');
  await expect(nodes(page)).toHaveCount(6);
  await expect(edges).toHaveCount(4);
  await snap(page, info, 'duplicated');
  await undo();
  await expect(nodes(page)).toHaveCount(3);
  await expect(edges).toHaveCount(2);

  // Select all and delete: an empty canvas; one undo brings everything back.
  await nodes(page).first().click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect(nodes(page)).toHaveCount(0);
  await undo();
  await expect(nodes(page)).toHaveCount(3);
  await expect(edges).toHaveCount(2);
  expect((await nodes(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')!))).sort()).toEqual([...ids].sort());

  // Drag a layer out of place, then auto-layout: undo returns to the dragged state, and a
  // second undo to before the drag (a drag is one step too).
  const laidOut = await positions(page);
  const box = (await nodes(page).nth(0).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 150, box.y + 60, { steps: 8 });
  await page.mouse.move(box.x + box.width / 2 + 300, box.y + 120, { steps: 8 });
  await page.mouse.up();
  const dragged = await positions(page);
  expect(dragged).not.toEqual(laidOut);
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect.poll(() => positions(page)).not.toEqual(dragged);
  await snap(page, info, 'auto-layout');
  await undo();
  await expect.poll(() => positions(page)).toEqual(dragged);
  await undo();
  await expect.poll(() => positions(page)).toEqual(laidOut);
});
