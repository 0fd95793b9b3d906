// Every template opens whole on a laptop's canvas and on a large one: all its nodes inside the
// canvas and clear of what is drawn over it (toolbar, zoom buttons, minimap), with a layer's
// kind still drawn 10 px tall or more. The minimap hides and stays hidden after a reload.
import type { Page } from '@playwright/test';
import { APP, expect, snap, test } from './fixtures.js';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;

/** The template ids and node counts the host lists, read from the gallery. */
async function templates(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Templates' }).click();
  await expect(page.locator('[data-template]').first()).toBeVisible();
  const ids = await page.locator('[data-template]').evaluateAll((els) => els.map((e) => e.getAttribute('data-template')!));
  await page.keyboard.press('Escape');
  return ids;
}

/** What is wrong with the view: nodes outside the canvas or under an overlay. */
async function problems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-view="canvas"]')!.getBoundingClientRect();
    const overlays = [...document.querySelectorAll('[data-view="canvas"] :is(.canvas-tools, .react-flow__controls, .react-flow__minimap)')].map((e) => [e.className, e.getBoundingClientRect()] as const);
    const out: string[] = [];
    for (const n of document.querySelectorAll('[data-view="canvas"] .react-flow__node')) {
      const b = n.getBoundingClientRect();
      const id = n.getAttribute('data-id');
      if (b.left < canvas.left - 0.5 || b.top < canvas.top - 0.5 || b.right > canvas.right + 0.5 || b.bottom > canvas.bottom + 0.5) out.push(`${id} outside the canvas`);
      for (const [name, o] of overlays) if (b.left < o.right && o.left < b.right && b.top < o.bottom && o.top < b.bottom) out.push(`${id} under ${name}`);
    }
    return out;
  });
}

for (const size of SIZES) {
  test(`every template opens whole and legible at ${size.width}×${size.height}`, async ({ app: page }, info) => {
    // Opened at this size: the panels start as they do on such a window.
    await page.setViewportSize(size);
    await page.goto(APP);
    await expect(page.locator('[data-kind="Dense"]').first()).toBeVisible();
    const ids = await templates(page);
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) {
      await page.getByRole('button', { name: 'Templates' }).click();
      await page.locator(`[data-template="${id}"]`).click();
      await expect(page.locator('[data-view="canvas"] [data-node-id]').first()).toBeVisible();
      // Opened, laid out if need be and framed (the framing animates for 200 ms).
      await expect.poll(() => problems(page), { message: `${id}: every node in view`, timeout: 5000 }).toEqual([]);
      await page.waitForTimeout(300);
      expect(await problems(page), `${id}: every node in view`).toEqual([]);
      const kindPx = (await page.locator('.layer-node .kind').first().boundingBox())!.height;
      expect(kindPx, `${id}: a layer's kind is drawn 10 px tall or more`).toBeGreaterThanOrEqual(10);
      // Opening laid the template out, not edited it: nothing to undo.
      await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
      if (size.width < 1200 && id === 'resnet-fashion') {
        // The inspector folded away by default on a narrow window comes back with one click.
        await page.getByRole('button', { name: 'Show the inspector' }).click();
        await expect(page.getByRole('tab', { name: 'Inspector' })).toBeVisible();
        await snap(page, info, `${size.width}-${id}-inspector`);
        await page.getByRole('button', { name: 'Hide the inspector' }).click();
      }
      if (['mnist-convolutional', 'resnet-fashion', 'autoencoder', 'mnist-standard'].includes(id)) await snap(page, info, `${size.width}-${id}`);
    }
  });
}

test('the minimap hides from the canvas toolbar and stays hidden after a reload', async ({ app: page }) => {
  await expect(page.locator('.react-flow__minimap')).toBeVisible();
  const button = page.getByRole('button', { name: 'Toggle Minimap' });
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await button.click();
  await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  await page.goto(APP);
  await expect(page.locator('[data-kind="Dense"]').first()).toBeVisible();
  await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
  await page.getByRole('button', { name: 'Toggle Minimap' }).click();
  await expect(page.locator('.react-flow__minimap')).toBeVisible();
});

