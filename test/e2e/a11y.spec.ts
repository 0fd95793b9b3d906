// The canvas without a mouse: Input → Dense → Dense added from the palette's search box,
// reached with Tab, connected with "Connect to…" (the C key and the inspector's button),
// moved with the arrow keys; every node has a spoken name and a live region says what happened.
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.js';

/** Presses Tab until the focused element is the canvas node `id` (at most `limit` presses). */
async function tabTo(page: Page, id: string, limit = 150): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => document.activeElement?.closest('.react-flow__node')?.getAttribute('data-id') ?? null);
    if (at === id) return;
  }
  throw new Error(`Tab never reached node ${id}`);
}

const focusedNode = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('data-id') ?? null);

test('build Input → Dense → Dense with the keyboard only: add, connect, move, hear it', async ({ app: page }, info) => {
  const canvas = page.locator('[data-view="canvas"]');
  const node = (id: string) => canvas.locator(`.react-flow__node[data-id="${id}"]`);
  const live = canvas.locator('[data-live="canvas"]');

  const search = page.getByRole('searchbox', { name: 'Search layers' });
  await search.focus();
  for (const q of ['input', 'dense', 'dense']) {
    await page.keyboard.press('Control+A');
    await page.keyboard.type(q);
    await page.keyboard.press('Enter');
  }
  await expect(canvas.locator('[data-node-id]')).toHaveCount(3);
  await expect(node('input_1')).toHaveCount(1);
  await expect(node('dense_2')).toHaveCount(1);

  // The spoken names, from the checker: unconnected, nothing has a shape and each has an error.
  await expect(node('input_1')).toHaveAttribute('aria-label', 'Input input_1, output unknown, 0 parameters, 1 error');
  await expect(node('dense_1')).toHaveAttribute('aria-label', /^Dense dense_1, output unknown, 0 parameters, 1 error/);

  // Read after the name: what the keys do here.
  const described = await node('input_1').getAttribute('aria-describedby');
  await expect(page.locator(`[id="${described}"]`)).toHaveText(/arrow keys to move it .* C to connect it to another layer, Delete to remove it/);

  // Tab reaches the Input; C opens "Connect to…", listing both Dense layers; Enter takes the first.
  await tabTo(page, 'input_1');
  await page.keyboard.press('c');
  const menu = page.getByRole('dialog', { name: 'Connect input_1 to…' });
  await expect(menu).toBeVisible();
  await expect(menu.locator('[data-connect-target]')).toHaveText(['Dense dense_1', 'Dense dense_2']);
  await snap(page, info, 'connect-to-menu');
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(1);
  await expect(live).toHaveText('Connected input_1 to dense_1');
  // The keyboard is back on the Input.
  expect(await focusedNode(page)).toBe('input_1');

  // The next Tab reaches dense_1; select it with Enter (the inspector shows it), then connect
  // from the inspector's button: only dense_2 can take it now (an Input takes no inputs).
  await tabTo(page, 'dense_1', 5);
  await page.keyboard.press('Enter');
  const inspector = page.locator('aside[aria-label="Inspector"]');
  await expect(inspector.locator('[data-inspector="dense_1"]')).toBeVisible();
  await expect(inspector.locator('[data-edge="input_1->dense_1"]')).toContainText('from input_1');
  await inspector.locator('[data-action="connect-to"]').focus();
  await page.keyboard.press('Enter');
  const menu2 = page.getByRole('dialog', { name: 'Connect dense_1 to…' });
  await expect(menu2).toBeVisible();
  await expect(menu2.locator('[data-connect-target]')).toHaveText(['Dense dense_2']);
  await page.keyboard.press('Enter');
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(2);
  await expect(live).toHaveText('Connected dense_1 to dense_2');
  await expect(inspector.locator('[data-edge="dense_1->dense_2"]')).toContainText('to dense_2');

  // Connected: XOR's two features in; Dense of 32 by default, 2·32 + 32 = 96 and 32·32 + 32 = 1056 weights.
  await expect(node('input_1')).toHaveAttribute('aria-label', 'Input input_1, output 2, 0 parameters');
  await expect(node('dense_1')).toHaveAttribute('aria-label', 'Dense dense_1, output 32, 96 parameters');
  await expect(node('dense_2')).toHaveAttribute('aria-label', /^Dense dense_2, output 32, 1,056 parameters/);

  // Arrows move the focused node by a grid step (Shift: five), each press one undo step.
  await tabTo(page, 'dense_2', 5);
  const before = (await node('dense_2').boundingBox())!;
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(live).toHaveText('Moved dense_2 down');
  const zoom = await page.evaluate(() => {
    const t = getComputedStyle(document.querySelector('.react-flow__viewport')!).transform;
    return new DOMMatrix(t).a;
  });
  const after = (await node('dense_2').boundingBox())!;
  expect(Math.round((after.x - before.x) / zoom)).toBe(36);
  expect(Math.round((after.y - before.y) / zoom)).toBe(90);
  expect(await focusedNode(page)).toBe('dense_2');
  await page.keyboard.press('Control+Z');
  const undone = (await node('dense_2').boundingBox())!;
  expect(Math.round((undone.y - before.y) / zoom)).toBe(0);
  expect(Math.round((undone.x - before.x) / zoom)).toBe(36);
  await snap(page, info, 'built-by-keyboard');

  // An edge removed from the inspector, then Delete on the focused node removes it.
  await inspector.getByRole('button', { name: 'Remove the connection from dense_1 to dense_2' }).focus();
  await page.keyboard.press('Enter');
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(1);
  await expect(live).toHaveText('Removed the connection from dense_1 to dense_2');
  await node('dense_2').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await expect(node('dense_2')).toHaveCount(0);
  await expect(live).toHaveText('Removed dense_2');
});
