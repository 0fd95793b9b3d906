// Save and Save As in browser mode: the host writes into its workspace folder, the file
// parses as a project, and the dirty mark goes away.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { parseProject } from '../../engine/project/document.js';
import { expect, openTemplate, snap, test, WORKSPACE } from './fixtures.js';

/** The file the notice says was written; browser mode writes it into the workspace, named after the project. */
async function savedPath(notice: Locator): Promise<string> {
  await expect(notice).toContainText(/Saved to .+\.layerlab\.json/);
  const file = (await notice.textContent())!.match(/Saved to (.+\.layerlab\.json)/)![1]!;
  expect(path.dirname(file)).toBe(path.resolve(WORKSPACE));
  return file;
}

async function projectFiles(): Promise<string[]> {
  return (await readdir(WORKSPACE).catch(() => [] as string[])).filter((f) => f.endsWith('.layerlab.json'));
}

test('Save and Save As write project files into the workspace and clear the dirty mark', async ({ app: page }, info) => {
  await openTemplate(page, 'xor', 3);
  const name = page.getByRole('textbox', { name: 'Project name' });
  await name.fill('Saved XOR e2e');
  await name.press('Tab');
  const dirty = page.locator('[data-dirty]');
  await expect(dirty).toBeVisible();
  await expect(page).toHaveTitle(/^• Saved XOR e2e/);

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const notice = page.locator('[data-notice="info"]');
  await expect(notice).toContainText('Saved to');
  await expect(dirty).toHaveCount(0);
  await expect(page).toHaveTitle(/^Saved XOR e2e/);
  const first = await savedPath(notice);
  await expect(page.locator('footer.statusbar')).toContainText(path.basename(first));
  const parsed = parseProject(await readFile(first, 'utf8'), first);
  if (!parsed.ok) throw new Error(parsed.error);
  expect(parsed.project.name).toBe('Saved XOR e2e');
  expect(parsed.project.graph.nodes).toHaveLength(3);
  await snap(page, info, 'saved');

  // An edit, then Save As (Ctrl+Shift+S) under a new name: a second file, the first unchanged.
  await name.fill('Saved XOR e2e copy');
  await name.press('Tab');
  await expect(dirty).toBeVisible();
  await page.keyboard.press('Control+Shift+S');
  await expect(notice).not.toContainText(first);
  const second = await savedPath(notice);
  await expect(dirty).toHaveCount(0);
  await expect(page.locator('footer.statusbar')).toContainText(path.basename(second));
  const copy = parseProject(await readFile(second, 'utf8'), second);
  if (!copy.ok) throw new Error(copy.error);
  expect(copy.project.name).toBe('Saved XOR e2e copy');
  expect(JSON.parse(await readFile(first, 'utf8')).name).toBe('Saved XOR e2e');
  expect(await projectFiles()).toEqual(expect.arrayContaining([path.basename(first), path.basename(second)]));

  // Save (Ctrl+S) now goes to the Save As file.
  await page.locator('[data-view="canvas"] [data-node-id]').first().click();
  await page.keyboard.press('Delete');
  await expect(page.locator('[data-view="canvas"] [data-node-id]')).toHaveCount(2);
  await expect(dirty).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(dirty).toHaveCount(0);
  const resaved = parseProject(await readFile(second, 'utf8'), second);
  if (!resaved.ok) throw new Error(resaved.error);
  expect(resaved.project.graph.nodes).toHaveLength(2);
  await snap(page, info, 'saved-as');
});
