// The top bar from a small laptop's window up: every item whole, inside the bar and clear of
// its neighbours (the project name readable, the theme button off the backend chip).
import { expect, openTemplate, snap, test } from './fixtures.js';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1600, height: 900 },
  { width: 1700, height: 950 },
  { width: 1920, height: 1080 },
] as const;

for (const size of SIZES) {
  test(`the top bar's items do not overlap at ${size.width}×${size.height}`, async ({ app: page }, info) => {
    await page.setViewportSize(size);
    await openTemplate(page, 'mnist-convolutional', 9);
    // The chip widens once the backend is known ("auto (wasm)"): measure it at its widest.
    await page.waitForFunction(() => document.querySelector('header.topbar .chip')?.getAttribute('data-backend'), null, { timeout: 5000 }).catch(() => undefined);
    const boxes = await page.locator('header.topbar').evaluate((bar) => {
      const b = bar.getBoundingClientRect();
      // The bar's items, and inside the groups their buttons: the box of each thing one sees.
      const items = [...bar.children]
        .flatMap((c) => (c.classList.contains('toolbar-group') || c.classList.contains('tabs') ? [...c.children] : [c]))
        // What this width does not show (the File menu's or the wide buttons) is not drawn at all.
        .filter((e) => e.getClientRects().length > 0);
      return {
        bar: { left: b.left, right: b.right, top: b.top, bottom: b.bottom },
        items: items
          .filter((e) => !e.classList.contains('spacer') && !e.classList.contains('sep'))
          .map((e) => {
            const r = e.getBoundingClientRect();
            return { name: (e.getAttribute('aria-label') ?? e.textContent ?? e.className).trim().slice(0, 30), left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, clipped: e.scrollWidth > e.clientWidth + 1 };
          }),
      };
    });
    for (const it of boxes.items) {
      expect(it.width, `${it.name} is drawn`).toBeGreaterThan(0);
      expect(it.left, `${it.name} starts inside the bar`).toBeGreaterThanOrEqual(boxes.bar.left);
      expect(it.right, `${it.name} ends inside the bar`).toBeLessThanOrEqual(boxes.bar.right + 0.5);
      expect(it.clipped, `${it.name} is not cut off`).toBe(false);
    }
    for (let i = 0; i < boxes.items.length; i++)
      for (let j = i + 1; j < boxes.items.length; j++) {
        const a = boxes.items[i]!;
        const b = boxes.items[j]!;
        const overlap = a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom && b.top < a.bottom;
        expect(overlap, `${a.name} [${a.left}–${a.right}] and ${b.name} [${b.left}–${b.right}] overlap`).toBe(false);
      }
    // The project name shows whole, not its first letters.
    const name = page.getByRole('textbox', { name: 'Project name' });
    const nameFits = await name.evaluate((e: HTMLInputElement) => e.scrollWidth <= e.clientWidth + 1);
    expect(nameFits, `"${await name.inputValue()}" fits its box`).toBe(true);
    await snap(page, info, `topbar-${size.width}`);
    if (size.width < 1366) {
      // Folded into the File menu: New, Open, Save, Export, from the keyboard too.
      await page.getByRole('button', { name: 'File' }).click();
      const menu = page.getByRole('menu', { name: 'File' });
      await expect(menu.getByRole('menuitem')).toHaveText([/New/, /Open/, /^Save(?! As)/, /Save As/, /Export/]);
      await snap(page, info, `topbar-${size.width}-file-menu`);
      await page.keyboard.press('Escape');
      await expect(menu).toHaveCount(0);
    } else {
      for (const name of ['New', 'Open', 'Save', 'Export']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
    }
  });
}
