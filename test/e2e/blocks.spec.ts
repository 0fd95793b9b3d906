// Blocks: group three layers of the standard MNIST network, name the block, collapse it to
// one node (its output shape and parameter count), save it to My blocks, start a new
// project, drop the block in from the palette, wire it up and train briefly on XOR.
import type { Page } from '@playwright/test';
import { expect, openTemplate, setField, snap, test } from './fixtures.js';

async function nodeIds(page: Page): Promise<string[]> {
  return page.locator('[data-view="canvas"] [data-node-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')!));
}

test('group, collapse, save to My blocks, drop into a new project and train', async ({ app: page }, info) => {
  // A name of this run only: the library lives in the shared e2e workspace.
  const name = `Dense stack ${Date.now().toString(36)}`;
  const canvas = page.locator('[data-view="canvas"]');
  await openTemplate(page, 'mnist-standard', 6);

  await canvas.locator('[data-node-id="dense1"]').click();
  await canvas.locator('[data-node-id="drop1"]').click({ modifiers: ['Control'] });
  await canvas.locator('[data-node-id="dense2"]').click({ modifiers: ['Control'] });
  await page.locator('[data-action="group"]').click();
  // Expanded, the block is a frame around its three layers, which stay on the canvas.
  await expect(canvas.locator('[data-frame]')).toHaveCount(1);
  await expect(canvas.locator('[data-node-id]')).toHaveCount(6);
  const field = page.locator('[data-field="block-name"]');
  await field.fill(name);
  await field.press('Tab');
  await expect(canvas.locator('[data-frame] .frame-name')).toHaveText(name);
  await snap(page, info, 'grouped');

  // Undo takes the grouping back in one step, redo brings it again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(canvas.locator('[data-frame]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(canvas.locator('[data-frame] .frame-name')).toHaveText(name);

  await canvas.locator('[data-action="collapse"]').click();
  const block = canvas.locator('[data-kind="Group"]');
  await expect(block).toHaveCount(1);
  // in, the block, drop2, out.
  await expect(canvas.locator('[data-node-id]')).toHaveCount(4);
  await expect(block).toContainText(name);
  await expect(block.locator('[data-shape]')).toHaveAttribute('data-shape', '[batch, 512]');
  // 784·512 + 512 and 512·512 + 512 (the Dropout has none).
  await expect(block.locator('[data-params]')).toHaveAttribute('data-params', String(784 * 512 + 512 + 512 * 512 + 512));
  await expect(block).toContainText('664,576 params');
  // Its edges attach to its ports: in → block and block → drop2.
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(3);
  await snap(page, info, 'collapsed');

  await block.click();
  await page.locator('[data-action="save-block"]').click();
  const item = page.locator(`[data-section="my-blocks"] [data-block="${name}"]`);
  await expect(item).toBeVisible();
  await expect(item).toContainText('Dense → Dropout → Dense');
  await snap(page, info, 'saved');

  // A new project: the block is still in the palette.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(canvas.locator('[data-node-id]')).toHaveCount(0);
  await page.locator('[data-kind="Input"]').first().dragTo(canvas, { targetPosition: { x: 420, y: 80 } });
  await item.dragTo(canvas, { targetPosition: { x: 420, y: 260 } });
  await page.locator('.pal-item[data-kind="Dense"]').first().dragTo(canvas, { targetPosition: { x: 420, y: 480 } });
  await expect(canvas.locator('[data-kind="Group"]')).toHaveCount(1);
  const [input, placed, out] = await nodeIds(page).then((ids) => [
    ids.find((i) => i.startsWith('input')),
    ids.find((i) => i.startsWith('block')),
    ids.find((i) => i.startsWith('dense')),
  ]);
  expect(placed).toBeTruthy();
  const dropped = canvas.locator(`[data-node-id="${placed}"]`);
  await expect(dropped).toContainText(name);
  await expect(dropped).toHaveAttribute('data-kind', 'Group');
  // Not wired yet: the block's first Dense has no input, and says so on the block.
  await expect(dropped.locator('[data-error]')).toHaveCount(1);
  await expect(dropped.locator('[data-error]')).toHaveAttribute('data-error', /^dense_\d+: /);

  await canvas.locator(`[data-node-id="${input}"] .react-flow__handle.source`).dragTo(dropped.locator('.react-flow__handle.target'));
  await dropped.locator('.react-flow__handle.source').dragTo(canvas.locator(`[data-node-id="${out}"] .react-flow__handle.target`));
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(2);
  await expect(dropped.locator('[data-error]')).toHaveCount(0);
  // XOR: 2 inputs into the block's first Dense now, 2·512 + 512 + 512·512 + 512.
  await expect(dropped.locator('[data-params]')).toHaveAttribute('data-params', String(2 * 512 + 512 + 512 * 512 + 512));

  // One output with a sigmoid for XOR's two classes.
  await canvas.locator(`[data-node-id="${out}"]`).click();
  const units = page.locator('aside[aria-label="Inspector"] [data-param="units"]');
  await units.fill('1');
  await units.press('Enter');
  await page.locator('aside[aria-label="Inspector"] [data-param="activation"]').selectOption('sigmoid');
  await expect(canvas.locator('[data-error]')).toHaveCount(0);
  await snap(page, info, 'dropped-and-wired');

  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await setField(page, 'epochs', '3');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'finished', { timeout: 60_000 });
  await snap(page, info, 'trained');

  // A second drop of the same block is linked to the first: a parameter changed in one
  // changes in both, until it is detached.
  await page.getByRole('tab', { name: 'Editor' }).click();
  await item.click();
  await expect(canvas.locator('[data-kind="Group"]')).toHaveCount(2);
  const second = (await nodeIds(page)).find((i) => i.startsWith('block') && i !== placed)!;
  await expect(canvas.locator('[data-kind="Group"][data-linked]')).toHaveCount(2);
  const inspector = page.locator('aside[aria-label="Inspector"]');
  await expect(inspector.locator('[data-linked-note]')).toContainText('Linked with 1 other copy');
  const firstDense = async () => {
    await canvas.locator(`[data-node-id="${second}"]`).click();
    await inspector.locator('.block-members button').first().click();
    const u = inspector.locator('[data-param="units"]');
    return u;
  };
  let u = await firstDense();
  await u.fill('8');
  await u.press('Enter');
  // The first drop's first Dense now has 8 units: 2·8 + 8 and 8·512 + 512.
  await expect(dropped.locator('[data-params]')).toHaveAttribute('data-params', String(2 * 8 + 8 + 8 * 512 + 512));
  await canvas.locator(`[data-frame="${second}"] .frame-head`).click();
  await inspector.locator('[data-action="detach"]').click();
  await expect(canvas.locator('[data-kind="Group"][data-linked]')).toHaveCount(0);
  u = await (async () => {
    await inspector.locator('.block-members button').first().click();
    return inspector.locator('[data-param="units"]');
  })();
  await u.fill('16');
  await u.press('Enter');
  await expect(dropped.locator('[data-params]')).toHaveAttribute('data-params', String(2 * 8 + 8 + 8 * 512 + 512));
  await snap(page, info, 'linked-then-detached');

  // Tidy the shared library.
  await item.locator('[data-action="delete-block"]').click();
  await expect(item).toHaveCount(0);
});
