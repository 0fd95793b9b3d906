// The newer templates train: a few batches of each on a small slice of its own dataset, on
// the cpu backend, with the template's own graph, loss and optimizer. This checks that they
// run end to end and learn something, not how well (that would take the full epochs).
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { loadProjectDataset } from '../data/index.js';
import { FASHION_DIR } from '../data/builtins/fashionMnist.js';
import { startTraining } from '../train/train.js';
import { requireDataset } from './dataset.js';
import { loadTemplate } from './templates.js';
import type { Project } from './types.js';

async function trainSmall(id: string, options: Record<string, unknown>, epochs: number) {
  const t = await loadTemplate(id);
  const ref = requireDataset(t);
  const project: Project = { ...t, dataset: { ...ref, options: { ...ref.options, ...options } }, training: { ...t.training, epochs } };
  const dataset = await loadProjectDataset(project);
  const job = startTraining({ backend: 'cpu', project, dataset, batchEvery: 1000, onEvent: () => undefined });
  const result = await job.done;
  result.model?.dispose();
  return result;
}

describe('the newer templates train', () => {
  it('skewed-classes: logistic regression reports precision and recall, and its loss falls', async () => {
    const r = await trainSmall('skewed-classes', { size: 2000 }, 8);
    expect(r.status).toBe('finished');
    const losses = r.history.map((h) => h.metrics.loss!);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    // The confusion matrix and per-class precision/recall: what the lesson on skewed classes reads.
    expect(r.evaluation?.confusion?.flat().reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(r.evaluation?.perClass?.length).toBe(2);
  }, 60_000);

  it('conv1d-sequence: the 1-D convolution predicts the next value better than it started', async () => {
    const r = await trainSmall('conv1d-sequence', { size: 400 }, 6);
    expect(r.status).toBe('finished');
    const losses = r.history.map((h) => h.metrics.loss!);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.8);
  }, 120_000);

  it.runIf(existsSync(FASHION_DIR))('resnet-fashion: the residual network trains on a slice of Fashion-MNIST (finite loss, test evaluated)', async () => {
    const r = await trainSmall('resnet-fashion', { trainLimit: 64, testLimit: 16 }, 1);
    expect(r.status).toBe('finished');
    expect(Number.isFinite(r.history[0]!.metrics.loss)).toBe(true);
    expect(r.evaluation?.accuracy).toBeGreaterThanOrEqual(0);
  }, 300_000);
});
