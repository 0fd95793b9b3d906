// (d) Open a corrupt project file: a readable error that says where, and the canvas as it was.
import { expect, snap, test } from './fixtures.js';

test('a corrupt project file gives a readable error and leaves the canvas alone', async ({ app: page }, info) => {
  await page.getByRole('button', { name: 'Templates' }).click();
  await page.locator('[data-template="xor"]').click();
  const nodes = page.locator('[data-view="canvas"] [data-node-id]');
  await expect(nodes).toHaveCount(3);
  const before = await nodes.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-node-id')}:${e.getAttribute('data-kind')}`));

  // Valid JSON up to line 3, then a missing comma.
  const corrupt = '{\n  "format": "layerlab-project",\n  "version": 1\n  "name": "broken"\n}\n';
  await page.locator('input[type="file"]').setInputFiles({ name: 'broken.layerlab.json', mimeType: 'application/json', buffer: Buffer.from(corrupt) });

  const alert = page.locator('[data-notice="error"]');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('broken.layerlab.json');
  // Says where: a line (and column) for a syntax error.
  await expect(alert).toContainText(/line 4|4:\d+|:4/);
  await snap(page, info, 'corrupt-file-error');

  const after = await nodes.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-node-id')}:${e.getAttribute('data-kind')}`));
  expect(after).toEqual(before);

  // A file that parses but breaks the schema names the JSON path.
  const wrong = JSON.stringify({ format: 'layerlab-project', version: 1, name: 'x', graph: { nodes: [{ id: 'a', kind: 'Dense', params: { units: 'many' }, position: { x: 0, y: 0 } }], edges: [] }, dataset: { id: 'xor' }, training: {} });
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.locator('input[type="file"]').setInputFiles({ name: 'wrong.layerlab.json', mimeType: 'application/json', buffer: Buffer.from(wrong) });
  await expect(alert).toContainText('wrong.layerlab.json');
  await expect(alert).toContainText(/graph\.nodes\[0\]|training/);
  expect(await nodes.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-node-id')}:${e.getAttribute('data-kind')}`))).toEqual(before);
});
