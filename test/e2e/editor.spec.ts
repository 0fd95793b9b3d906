// (a) Build a network with the mouse: drag Input and two Dense layers from the palette,
// connect them, break a shape in the inspector and fix it, then undo and redo.
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.js';

async function nodeIds(page: Page): Promise<string[]> {
  return page.locator('[data-view="canvas"] [data-node-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')!));
}

async function connect(page: Page, from: string, to: string): Promise<void> {
  await page
    .locator(`[data-node-id="${from}"] .react-flow__handle.source`)
    .dragTo(page.locator(`[data-node-id="${to}"] .react-flow__handle.target`));
}

test('drag, connect, see a shape error appear and go, undo and redo', async ({ app: page }, info) => {
  const canvas = page.locator('[data-view="canvas"]');
  await expect(canvas.locator('[data-node-id]')).toHaveCount(0);

  await page.locator('[data-kind="Input"]').first().dragTo(canvas, { targetPosition: { x: 400, y: 100 } });
  await page.locator('[data-kind="Dense"]').first().dragTo(canvas, { targetPosition: { x: 400, y: 300 } });
  await page.locator('[data-kind="Dense"]').first().dragTo(canvas, { targetPosition: { x: 400, y: 500 } });
  await expect(canvas.locator('[data-node-id]')).toHaveCount(3);
  const [input, dense1, dense2] = await nodeIds(page);
  await expect(canvas.locator(`[data-node-id="${input}"]`)).toHaveAttribute('data-kind', 'Input');
  await expect(canvas.locator(`[data-node-id="${dense1}"]`)).toHaveAttribute('data-kind', 'Dense');

  await connect(page, input!, dense1!);
  await connect(page, dense1!, dense2!);
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(2);
  await expect(canvas.locator('[data-error]')).toHaveCount(0);
  await snap(page, info, 'connected');

  // An Input whose last dimension is unknown: the Dense after it cannot size its weights.
  await canvas.locator(`[data-node-id="${input}"]`).click();
  const shape = page.locator('aside[aria-label="Inspector"] [data-param="shape"]');
  await shape.fill('null');
  await shape.press('Enter');
  const badge = canvas.locator(`[data-node-id="${dense1}"] [data-error]`);
  await expect(badge).toHaveCount(1);
  await expect(badge).toHaveAttribute('data-error', /dimension/);
  await snap(page, info, 'shape-error');

  await shape.fill('2');
  await shape.press('Enter');
  await expect(badge).toHaveCount(0);
  await snap(page, info, 'fixed');

  // Undo brings the mistake back; redo fixes it again.
  const undo = page.getByRole('button', { name: 'Undo' });
  const redo = page.getByRole('button', { name: 'Redo' });
  await undo.click();
  await expect(badge).toHaveCount(1);
  await redo.click();
  await expect(badge).toHaveCount(0);
  // Undo all the way back to the empty canvas, then redo one step: one node again.
  while (await undo.isEnabled()) await undo.click();
  await expect(canvas.locator('[data-node-id]')).toHaveCount(0);
  await redo.click();
  await expect(canvas.locator('[data-node-id]')).toHaveCount(1);
  await snap(page, info, 'after-undo-redo');
});
