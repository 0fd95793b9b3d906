// Every weights export from the dialog says how its files predict against the app: the
// TensorFlow.js folder is loaded back, the PyTorch folder run by python3 (torch is installed
// with the tests), and the Keras script, which cannot run without Keras, says it was not
// checked while its weights file is written beside it.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, openTemplate, setField, snap, test, WORKSPACE } from './fixtures.js';

test('a trained XOR run leaves as TensorFlow.js, PyTorch and Keras files, each with its parity line', async ({ app: page }, info) => {
  await openTemplate(page, 'xor', 3);
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await setField(page, 'epochs', '60');
  await setField(page, 'learningRate', '0.5');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'finished', { timeout: 60_000 });

  const dialog = page.getByRole('dialog');
  const exportAs = async (format: string) => {
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await dialog.locator(`[data-format="${format}"] input`).check();
    await dialog.locator('[data-action="export-confirm"]').click();
    await expect(dialog.locator('[data-export-result]')).toHaveAttribute('data-export-result', 'ok', { timeout: 60_000 });
    return dialog.locator('[data-export-parity]');
  };

  const tfjs = await exportAs('tfjs');
  await expect(tfjs).toHaveAttribute('data-export-parity', 'match');
  await expect(tfjs).toHaveText(/^✓ predictions match: max \|Δ\| = (0|\d\.\de-\d+) over 4 samples, same class on 4\/4$/);
  await page.keyboard.press('Escape');

  const torch = await exportAs('pytorch');
  await expect(torch).toHaveAttribute('data-export-parity', 'match');
  await expect(torch).toHaveText(/^✓ predictions match: max \|Δ\| = (0|\d\.\de-\d+) over 4 samples, same class on 4\/4$/);
  expect((await readdir(path.join(WORKSPACE, 'exports', 'XOR-a-hidden-layer-pytorch'))).sort()).toEqual(['metadata.json', 'model.py', 'weights.npz']);
  await snap(page, info, 'pytorch-parity');
  await page.keyboard.press('Escape');

  const keras = await exportAs('keras-py');
  await expect(keras).toHaveAttribute('data-export-parity', 'unchecked');
  await expect(keras).toContainText('not checked: no Keras here');
  await expect(dialog.locator('[data-export-result] li')).toHaveText(['XOR-a-hidden-layer.py', 'XOR-a-hidden-layer.weights.npz']);
});
