// One-click fixes: a Conv2D on a flat Input shows a short error with a Fix button; pressing it
// inserts the Reshape (one undo step); the status bar stays on one line however long the
// error, and its problems list selects a node.
import type { Page } from '@playwright/test';
import { expect, snap, test } from './fixtures.js';

async function nodeIds(page: Page): Promise<string[]> {
  return page.locator('[data-view="canvas"] [data-node-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')!));
}

/** Input(784) → Conv2D, drawn with the mouse; returns their ids. */
async function flatIntoConv(page: Page): Promise<[string, string]> {
  const canvas = page.locator('[data-view="canvas"]');
  await page.locator('[data-kind="Input"]').first().dragTo(canvas, { targetPosition: { x: 420, y: 110 } });
  await page.locator('[data-kind="Conv2D"]').first().dragTo(canvas, { targetPosition: { x: 420, y: 380 } });
  const [input, conv] = (await nodeIds(page)) as [string, string];
  await canvas.locator(`[data-node-id="${input}"]`).click();
  const shape = page.locator('aside[aria-label="Inspector"] [data-param="shape"]');
  await shape.fill('784');
  await shape.press('Enter');
  // MNIST, whose 28×28×1 images an Input of 784 takes: the Conv2D's fix is a Reshape.
  await page.locator('aside[aria-label="Inspector"] [data-input-dataset] select[data-field="dataset"]').selectOption('mnist');
  await page.locator(`[data-node-id="${input}"] .react-flow__handle.source`).dragTo(page.locator(`[data-node-id="${conv}"] .react-flow__handle.target`));
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(1);
  return [input, conv];
}

test('Input(784) → Conv2D: Fix inserts the Reshape, Ctrl+Z brings the error back', async ({ app: page }, info) => {
  const canvas = page.locator('[data-view="canvas"]');
  const [input, conv] = await flatIntoConv(page);
  const node = canvas.locator(`[data-node-id="${conv}"]`);
  await expect(node.locator('[data-error]')).toHaveCount(1);
  // Short on the node (the node's own name and the advice the button carries out are left
  // out), the whole message on hover.
  const problem = node.locator('.node-problem');
  await expect(problem.locator('.np-text')).toHaveText('Needs a 4-D input [batch, height, width, channels] but gets [batch, 784]');
  await expect(problem.locator('.np-what')).toHaveText('Insert a Reshape to [28, 28, 1] before it');
  await expect(problem).toHaveAttribute('title', new RegExp(`^Conv2D '${conv}' needs .*; insert a Reshape to \\[28, 28, 1\\]$`));
  const fix = node.locator('button[data-fix]');
  await expect(fix).toHaveText('Fix');
  await expect(fix).toHaveAttribute('title', `Insert a Reshape to [28, 28, 1] before '${conv}'`);
  await snap(page, info, 'error-with-fix');

  // The inspector has the full text and the same Fix.
  await node.click();
  const inspector = page.locator('aside[aria-label="Inspector"]');
  await expect(inspector.locator('.diag.error')).toContainText('insert a Reshape to [28, 28, 1]');
  await expect(inspector.locator('.diag.error button[data-fix]')).toHaveCount(1);

  await fix.click();
  await expect(canvas.locator('[data-error]')).toHaveCount(0);
  await expect(canvas.locator('[data-kind="Reshape"]')).toHaveCount(1);
  await expect(canvas.locator('[data-kind="Reshape"] .params')).toContainText('28, 28, 1');
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.locator('footer.statusbar')).toHaveAttribute('data-check', 'ok');
  await snap(page, info, 'fixed');

  // One undo step: the Reshape goes, the error is back; redo fixes it again.
  await canvas.locator(`[data-node-id="${input}"]`).click();
  await page.keyboard.press('Control+z');
  await expect(canvas.locator('[data-kind="Reshape"]')).toHaveCount(0);
  await expect(node.locator('[data-error]')).toHaveCount(1);
  await expect(canvas.locator('.react-flow__edge')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(canvas.locator('[data-error]')).toHaveCount(0);
});

test('a long error keeps the status bar on one line; the problems list selects a node', async ({ app: page }, info) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const [, conv] = await flatIntoConv(page);
  const bar = page.locator('footer.statusbar');
  const err = bar.locator('.status-err');
  await expect(err).toContainText(`1 error: Conv2D '${conv}' needs a 4-D input`);
  // Cut to fit (an ellipsis), not wrapped: the message is wider than its box, one line high,
  // and every item of the bar sits on the same line.
  const m = await err.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth, height: e.getBoundingClientRect().height, line: parseFloat(getComputedStyle(e).lineHeight) || parseFloat(getComputedStyle(e).fontSize) * 1.4 }));
  expect(m.scroll).toBeGreaterThan(m.client);
  expect(m.height).toBeLessThanOrEqual(m.line + 1);
  const mids = await bar.evaluate((f) => [...f.children].map((c) => c.getBoundingClientRect().top + c.getBoundingClientRect().height / 2));
  expect(Math.max(...mids) - Math.min(...mids), `items of the bar on one line: ${mids.join(', ')}`).toBeLessThan(2);
  expect(await bar.evaluate((f) => f.scrollHeight <= f.clientHeight && f.scrollWidth <= f.clientWidth + 1)).toBe(true);
  await snap(page, info, 'status-one-line');
  await page.getByRole('button', { name: 'Switch theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await snap(page, info, 'dark-error-with-fix');

  // Select nothing and pan the Conv2D out of sight, then let the problems list choose it.
  await page.keyboard.press('Escape');
  await page.locator('[data-view="canvas"] .react-flow__pane').click({ position: { x: 40, y: 300 } });
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);
  const convNode = page.locator(`[data-view="canvas"] [data-node-id="${conv}"]`);
  const pane = (await page.locator('[data-view="canvas"]').boundingBox())!;
  for (let i = 0; i < 2; i++) {
    await page.mouse.move(pane.x + 20, pane.y + 450);
    await page.mouse.down();
    await page.mouse.move(pane.x + 20, pane.y + 50, { steps: 8 });
    await page.mouse.up();
  }
  await expect(convNode).not.toBeInViewport();
  await bar.locator('[data-action="problems"]').click();
  const list = page.locator('[data-view="problems"]');
  await expect(list).toBeVisible();
  const row = list.locator(`[data-problem-node="${conv}"]`).first();
  await expect(row).toContainText(conv);
  await expect(row).toContainText('needs a 4-D input');
  await expect(row.locator('button[data-fix]')).toHaveCount(1);
  await snap(page, info, 'problems-list');
  await row.locator('.problem-text').click();
  await expect(page.locator(`.react-flow__node.selected [data-node-id="${conv}"]`)).toHaveCount(1);
  await expect(page.locator(`aside[aria-label="Inspector"] [data-inspector="${conv}"]`)).toBeVisible();
  await expect(convNode).toBeInViewport();
  // Its Fix works from the list too; the list stays open and says what is left.
  await row.locator('button[data-fix]').click();
  await expect(page.locator('[data-view="canvas"] [data-error]')).toHaveCount(0);
  await expect(list.locator('[data-problem="shape"]')).toHaveCount(0);
  await snap(page, info, 'problems-after-fix');
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
});
