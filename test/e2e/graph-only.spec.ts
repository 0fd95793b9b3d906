// A project file with a graph but no dataset opens and is checked on the canvas; Train is off
// and says why until a dataset is chosen.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, snap, test } from './fixtures.js';

const XOR = join(fileURLToPath(new URL('../../', import.meta.url)), 'templates', 'xor.layerlab.json');

test('a graph-only project opens, checks, and Train waits for a dataset', async ({ app: page }, info) => {
  const doc = JSON.parse(readFileSync(XOR, 'utf8')) as Record<string, unknown>;
  delete doc.dataset;
  await page.locator('input[type="file"]').setInputFiles({ name: 'graph.layerlab.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });

  const nodes = page.locator('[data-view="canvas"] [data-node-id]');
  await expect(nodes).toHaveCount(3);
  await expect(page.locator('[data-notice="error"]')).toHaveCount(0);
  // Checked on the graph alone: shapes shown, no error badge.
  await expect(page.locator('.err-badge')).toHaveCount(0);
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeDisabled();
  await expect(train).toHaveAttribute('data-train-blocked', /names no dataset: choose one in the Data view/);
  await snap(page, info, 'graph-only-train-off');

  // Choosing one in the Input's inspector lets it train.
  await page.locator('[data-node-id="in"]').click();
  await page.locator('[data-input-dataset] select[data-field="dataset"]').selectOption('xor');
  await expect(train).toBeEnabled();
});
