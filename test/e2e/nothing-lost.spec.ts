// Nothing lost, nothing contradictory: New and a template over unsaved work ask first
// (Save / Discard / Cancel, keyboard first), and Train stays off, saying why, while the
// network and the dataset cannot train together; the dataset is chosen from the Input's
// inspector, and "Use dataset shape" puts them back in agreement.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, snap, test, WORKSPACE } from './fixtures.js';

const nodes = (page: Page) => page.locator('[data-view="canvas"] [data-node-id]');
const question = (page: Page) => page.getByRole('alertdialog', { name: 'Unsaved changes' });

/** An Input added from the palette with the keyboard: one unsaved change. */
async function addInput(page: Page): Promise<void> {
  await page.locator('[data-kind="Input"]').first().focus();
  await page.keyboard.press('Enter');
}

test('New over unsaved work asks: Cancel and Escape keep it, Discard replaces it, Save saves first', async ({ app: page }, info) => {
  await expect(nodes(page)).toHaveCount(0);
  // A fresh project: New replaces it without a question.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(question(page)).toHaveCount(0);

  await addInput(page);
  await expect(nodes(page)).toHaveCount(1);
  // The Input takes the dataset's shape (XOR: two numbers per example).
  await expect(page.locator('aside[aria-label="Inspector"] [data-param="shape"]')).toHaveValue('2');

  await page.getByRole('button', { name: 'New', exact: true }).click();
  const q = question(page);
  await expect(q).toBeVisible();
  await expect(q).toContainText('has changes that are not saved');
  // Keyboard first: focus starts on Save and Tab stays inside the dialog.
  await expect(q.getByRole('button', { name: 'Save' })).toBeFocused();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    expect(await q.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await snap(page, info, 'new-asks');
  await page.keyboard.press('Escape');
  await expect(q).toHaveCount(0);
  await expect(nodes(page)).toHaveCount(1);

  await page.getByRole('button', { name: 'New', exact: true }).click();
  await q.getByRole('button', { name: 'Cancel' }).click();
  await expect(nodes(page)).toHaveCount(1);
  await expect(page.locator('[data-dirty]')).toHaveCount(1);

  await page.getByRole('button', { name: 'New', exact: true }).click();
  await q.getByRole('button', { name: 'Discard changes' }).click();
  await expect(nodes(page)).toHaveCount(0);
  await expect(page.locator('[data-dirty]')).toHaveCount(0);

  // Save, then New: the work is in the workspace before the canvas empties.
  await addInput(page);
  const name = page.getByRole('textbox', { name: 'Project name' });
  await name.fill('kept before new');
  await name.press('Tab');
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await q.getByRole('button', { name: 'Save' }).click();
  await expect(nodes(page)).toHaveCount(0);
  await expect(name).toHaveValue('Untitled');
  if (WORKSPACE) expect(existsSync(path.join(WORKSPACE, 'kept-before-new.layerlab.json'))).toBe(true);
});

test('a template over unsaved work asks; a template left alone is replaced without a question', async ({ app: page }, info) => {
  const open = async (id: string) => {
    await page.getByRole('button', { name: 'Templates' }).click();
    await page.locator(`[data-template="${id}"]`).click();
  };
  const name = page.getByRole('textbox', { name: 'Project name' });
  await open('xor');
  await expect(nodes(page)).toHaveCount(3);
  // Opened, not edited: nothing to lose.
  await open('perceptron');
  await expect(question(page)).toHaveCount(0);
  await expect(name).toHaveValue(/^Perceptron/);

  await open('xor');
  await expect(name).toHaveValue(/^XOR/);
  await addInput(page);
  await expect(nodes(page)).toHaveCount(4);
  await open('mnist-simplified');
  await expect(question(page)).toBeVisible();
  await expect(question(page)).toContainText('before opening the template');
  await snap(page, info, 'template-asks');
  await question(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(nodes(page)).toHaveCount(4);
  await expect(name).toHaveValue(/^XOR/);

  await open('mnist-simplified');
  await question(page).getByRole('button', { name: 'Discard changes' }).click();
  await expect(name).toHaveValue(/MNIST/);
  await expect(nodes(page)).toHaveCount(3);
});

test('Train is off, saying why, while the dataset and the network cannot train together', async ({ app: page }, info) => {
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.locator('[data-template="mnist-simplified"]').click();
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(page.locator('footer.statusbar')).toHaveAttribute('data-check', 'ok');
  await expect(train).toBeEnabled();

  // Choose XOR from the Input's inspector: the 784 pixels of the Input do not fit its two numbers.
  const canvas = page.locator('[data-view="canvas"]');
  await canvas.locator('[data-kind="Input"]').click();
  const inspector = page.locator('aside[aria-label="Inspector"]');
  const dataset = inspector.locator('[data-input-dataset] select[data-field="dataset"]');
  await dataset.selectOption('xor');
  await expect(train).toBeDisabled();
  await expect(train).toHaveAttribute('title', /cannot train together: Input 'in' has shape \[784\] but dataset 'xor' gives examples of shape \[2\]/);
  const status = page.locator('footer.statusbar [data-train-blocked]');
  await expect(status).toBeVisible();
  await expect(status).toContainText("Train is off: Input 'in' has shape [784]");
  // The Input's own advice, on the Input: one message, no contradiction elsewhere.
  await expect(inspector.locator('.diag.warning')).toContainText('set its shape to [2]');
  await snap(page, info, 'train-off-mismatch');
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await expect(page.locator('.dash [data-train-blocked]')).toContainText("Input 'in' has shape [784]");
  await snap(page, info, 'train-off-dashboard');
  await page.getByRole('tab', { name: 'Editor' }).click();

  // "Use dataset shape" puts the Input in agreement: one click, one undo step. (Ten softmax
  // units for XOR's two classes only warn: training can still run.)
  const shape = inspector.locator('[data-param="shape"]');
  await inspector.locator('[data-action="use-dataset-shape"]').click();
  await expect(shape).toHaveValue('2');
  await expect(train).toBeEnabled();
  await expect(status).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(shape).toHaveValue('784');
  await expect(train).toBeDisabled();

  // Back to MNIST from the same place: they agree again, and Train is on.
  await dataset.selectOption('mnist');
  await expect(train).toBeEnabled({ timeout: 60_000 });
  await expect(status).toHaveCount(0);
  // Too few output units for MNIST's ten classes: off again, saying so.
  await canvas.locator('[data-node-id="out"]').click();
  const units = inspector.locator('[data-param="units"]');
  await units.fill('5');
  await units.press('Enter');
  await expect(train).toBeDisabled();
  await expect(status).toContainText("Dense 'out' has 5 units but dataset 'mnist' has 10 classes");
  await snap(page, info, 'train-off-shape');
});
