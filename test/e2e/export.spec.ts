// (c) Export to TensorFlow.js through the host, then load the written files back with
// TensorFlow.js and check they are the network on the canvas.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, openTemplate, snap, test, WORKSPACE } from './fixtures.js';

test('exports the XOR network as TensorFlow.js files that load back', async ({ app: page }, info) => {
  await openTemplate(page, 'xor', 3);

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('[data-format="tfjs"] input').check();
  await dialog.locator('[data-action="export-confirm"]').click();
  const result = dialog.locator('[data-export-result]');
  await expect(result).toHaveAttribute('data-export-result', 'ok');
  await expect(result).toContainText('model.json');
  await snap(page, info, 'exported');

  // Browser mode writes into the host's workspace, one folder per export under exports/
  // named after the project (beside the .onnx files and PyTorch folders other specs write).
  const exportsDir = path.join(WORKSPACE, 'exports');
  const written = (await readdir(exportsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  expect(written).toContain('XOR-a-hidden-layer');
  const dir = path.join(exportsDir, 'XOR-a-hidden-layer');
  await expect(result).toContainText(dir);

  const { useBackend } = await import('../../engine/backend/index.js');
  const { loadTfjsModel } = await import('../../engine/export/tfjs.js');
  await useBackend('cpu');
  const model = await loadTfjsModel(dir);
  try {
    const json = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8'));
    expect(json.modelTopology).toBeDefined();
    expect(model.inputs[0]!.shape).toEqual([null, 2]);
    expect(model.outputs[0]!.shape).toEqual([null, 1]);
    // Input → Dense(2) → Dense(1): 6 + 3 weights.
    expect(model.countParams()).toBe(9);
  } finally {
    model.dispose();
  }
});
