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
import type * as tfl from '@tensorflow/tfjs-layers';

async function trainSmall(id: string, options: Record<string, unknown>, epochs: number, extra: { initFrom?: { model: tfl.LayersModel; from: string }; keep?: boolean; datasetId?: string } = {}) {
  const t = await loadTemplate(id);
  const ref = extra.datasetId ? { id: extra.datasetId } : requireDataset(t);
  const project: Project = { ...t, dataset: { ...ref, options: { ...ref.options, ...options } }, training: { ...t.training, epochs } };
  const dataset = await loadProjectDataset(project);
  const job = startTraining({ backend: 'cpu', project, dataset, batchEvery: 1000, onEvent: () => undefined, ...(extra.initFrom ? { initFrom: extra.initFrom } : {}) });
  const result = await job.done;
  if (!extra.keep) result.model?.dispose();
  return result;
}

const weightsOf = (m: tfl.LayersModel, layer: string) => m.getLayer(layer).getWeights().map((w) => Array.from(w.dataSync()));

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

  it.runIf(existsSync(FASHION_DIR))("reused-net: the digit network's frozen body carries over unchanged, and only the clothes head learns", async () => {
    // The source network trains on a slice of Fashion-MNIST here (MNIST has no slice option and
    // all of it is slow on the cpu backend): what is checked is that its body carries over.
    const digits = await trainSmall('mnist-standard', { trainLimit: 512, testLimit: 64 }, 1, { keep: true, datasetId: 'fashion-mnist' });
    const body = { dense1: weightsOf(digits.model!, 'dense1'), dense2: weightsOf(digits.model!, 'dense2') };
    const reused = await trainSmall('reused-net', { trainLimit: 512, testLimit: 64 }, 2, { initFrom: { model: digits.model!, from: 'the digits run' }, keep: true });
    expect(reused.status).toBe('finished');
    expect(reused.init?.loaded.map((l) => l.id).sort()).toEqual(['dense1', 'dense2']);
    expect(reused.init?.fresh.map((f) => f.id)).toEqual(['clothes']);
    // Frozen: bit for bit the digit network's weights after two epochs on clothes.
    expect(weightsOf(reused.model!, 'dense1')).toEqual(body.dense1);
    expect(weightsOf(reused.model!, 'dense2')).toEqual(body.dense2);
    const losses = reused.history.map((h) => h.metrics.loss!);
    expect(losses[1]!).toBeLessThan(losses[0]!);
    digits.model!.dispose();
    reused.model!.dispose();
  }, 300_000);
});
