// Projects and models shared by the export and CLI tests.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { testNode, testProject } from '../project/fixtures.js';
import type { Project } from '../project/types.js';

/** Two branches from one input merged by Concatenate (ports reversed on purpose) and Add,
 *  with ids that are not valid identifiers, a regularizer, early stopping and step decay. */
export function branchyProject(): Project {
  return testProject({
    name: 'Branches & merges',
    nodes: [
      testNode('in', 'Input', { shape: [4] }),
      testNode('left-1', 'Dense', { units: 3, activation: 'relu', kernelRegularizer: { l2: 0.01 } }),
      testNode('2right', 'Dense', { units: 5, activation: 'tanh' }),
      testNode('class', 'Concatenate', {}),
      testNode('skip', 'Dense', { units: 8 }),
      testNode('sum', 'Add', {}),
      testNode('out', 'Dense', { units: 3, activation: 'softmax' }),
    ],
    edges: [
      { id: 'e1', source: 'in', target: 'left-1', targetPort: 0 },
      { id: 'e2', source: 'in', target: '2right', targetPort: 0 },
      { id: 'e3', source: 'left-1', target: 'class', targetPort: 1 },
      { id: 'e4', source: '2right', target: 'class', targetPort: 0 },
      { id: 'e5', source: 'in', target: 'skip', targetPort: 0 },
      { id: 'e6', source: 'class', target: 'sum', targetPort: 0 },
      { id: 'e7', source: 'skip', target: 'sum', targetPort: 1 },
      { id: 'e8', source: 'sum', target: 'out', targetPort: 0 },
    ],
    dataset: { id: 'blobs', options: { classes: 3, features: 4 } },
    training: {
      optimizer: { kind: 'sgd', learningRate: 0.1, momentum: 0.9, nesterov: true },
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['accuracy', 'precision'],
      epochs: 3,
      batchSize: 8,
      validationSplit: 0.25,
      seed: 3,
      earlyStopping: { monitor: 'val_loss', patience: 2, restoreBestWeights: true },
      lrSchedule: { kind: 'step', every: 1, factor: 0.5 },
    },
  });
}

/** Every weight drawn at random (biases and batch statistics too, variances positive), so a
 *  converter that drops or reorders one cannot pass on zeros and ones. */
export function randomizeWeights(model: tfl.LayersModel, seed: number): void {
  for (const layer of model.layers) {
    const ws = layer.weights;
    if (!ws.length) continue;
    layer.setWeights(
      ws.map((w, i) => (w.originalName.endsWith('moving_variance') ? tf.randomUniform(w.shape as number[], 0.5, 2, 'float32', seed + i) : tf.randomNormal(w.shape as number[], 0, 0.5, 'float32', seed + i))),
    );
  }
}

