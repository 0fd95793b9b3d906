// The training loop is our own, so the layers with training-time behaviour (moving averages,
// integer inputs, recurrence, convolution, dropout) are trained through it here.
import { describe, expect, it } from 'vitest';
import type { Dataset, Split } from '../data/types.js';
import { blobs, chain } from './testkit.js';
import { startTraining } from './train.js';

const empty: Split = { x: new Float32Array(0), y: new Float32Array(0), count: 0 };

describe('layers with training-time behaviour train through the loop', () => {
  it('BatchNormalization updates its moving statistics', async () => {
    const p = chain([2], [['Dense', { units: 4 }], ['BatchNormalization', {}], ['Dense', { units: 2, activation: 'softmax' }]], { loss: 'categoricalCrossentropy', epochs: 2, batchSize: 8 });
    const r = await startTraining({ backend: 'cpu', dataset: blobs(32, 1), project: p }).done;
    expect(r.status).toBe('finished');
    const [, , movingMean, movingVar] = r.model!.getLayer('l2').getWeights().map((w) => Array.from(w.dataSync()));
    expect(movingMean!.some((v) => v !== 0)).toBe(true);
    expect(movingVar!.some((v) => v !== 1)).toBe(true);
    r.model!.dispose();
  });

  it('Embedding → LSTM with token ids as inputs', async () => {
    const ds: Dataset = {
      ...blobs(4, 1), inputShape: [4], test: empty,
      train: { x: Float32Array.from({ length: 32 * 4 }, (_, i) => i % 7), y: Float32Array.from({ length: 32 }, (_, i) => i % 2), count: 32 },
    };
    const p = chain([4], [['Embedding', { inputDim: 10, outputDim: 3 }], ['LSTM', { units: 4 }], ['Dense', { units: 2, activation: 'softmax' }]], { loss: 'sparseCategoricalCrossentropy', epochs: 2, batchSize: 8 });
    const r = await startTraining({ backend: 'cpu', dataset: ds, project: p }).done;
    expect(r.error).toBeUndefined();
    expect(r.history).toHaveLength(2);
    r.model!.dispose();
  });

  it('Conv2D → MaxPooling2D → Dropout → Flatten → Dense', async () => {
    const ds: Dataset = {
      ...blobs(4, 1), inputShape: [6, 6, 1], test: empty,
      train: { x: Float32Array.from({ length: 16 * 36 }, (_, i) => (i * 37) % 11 / 11), y: Float32Array.from({ length: 16 }, (_, i) => i % 2), count: 16 },
    };
    const p = chain([6, 6, 1], [['Conv2D', { filters: 2, kernelSize: 3, activation: 'relu' }], ['MaxPooling2D', {}], ['Dropout', { rate: 0.2 }], ['Flatten', {}], ['Dense', { units: 2, activation: 'softmax' }]], { loss: 'categoricalCrossentropy', epochs: 2, batchSize: 8 });
    const r = await startTraining({ backend: 'cpu', dataset: ds, project: p }).done;
    expect(r.error).toBeUndefined();
    expect(r.history.map((h) => Number.isFinite(h.metrics.loss))).toEqual([true, true]);
    r.model!.dispose();
  });
});
