// Shared helpers for the end-to-end specs: the app's URL with its token, the workspace the
// host writes to, and a screenshot kept as an artifact at each named step.
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { e2eSettings } from '../../engine/backend/env.js';

export const { token: TOKEN, workspace: WORKSPACE } = e2eSettings();
export const APP = `/?token=${TOKEN}`;

/** A screenshot kept as a file under the test's folder in test-results/, and in the report. */
export async function snap(page: Page, info: TestInfo, name: string): Promise<void> {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: 'image/png' });
}

/** Sets a training-form field and leaves it (Tab), so the form commits the value. */
export async function setField(page: Page, name: string, value: string): Promise<void> {
  const field = page.locator(`[data-training="${name}"]`);
  await field.fill(value);
  await field.press('Tab');
  await expect(field).toHaveValue(value);
}

/** Opens a template from the Templates dialog and waits until its nodes are on the canvas. */
export async function openTemplate(page: Page, id: string, nodeCount: number): Promise<void> {
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.locator(`[data-template="${id}"]`).click();
  await expect(page.locator('[data-view="canvas"] [data-node-id]')).toHaveCount(nodeCount);
}

/** Opens the simplified MNIST template, sets its epochs on the dashboard and presses Train;
 *  returns once the dashboard says the run is going. */
export async function startMnistRun(page: Page, epochs: number): Promise<void> {
  await openTemplate(page, 'mnist-simplified', 3);
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  const field = page.locator('[data-training="epochs"]');
  await field.fill(String(epochs));
  await field.press('Tab');
  await expect(field).toHaveValue(String(epochs));
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'running');
}

export const test = base.extend<{ app: Page }>({
  app: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // An empty canvas each time: no autosaved document from an earlier test.
    await page.goto(APP);
    await page.evaluate(() => localStorage.clear());
    await page.goto(APP);
    await expect(page.locator('[data-kind="Dense"]').first()).toBeVisible();
    await use(page);
    expect(problems, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
