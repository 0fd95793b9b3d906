// Small documents shared by the electron/ tests.
import type { Project } from '../engine/project/types.js';

export const tinyProject = (): Project => ({
  format: 'layerlab-project',
  version: 1,
  name: 'tiny',
  graph: {
    nodes: [
      { id: 'in', kind: 'Input', params: { shape: [2] }, position: { x: 0, y: 0 } },
      { id: 'd', kind: 'Dense', params: { units: 2, activation: 'softmax' }, position: { x: 0, y: 100 } },
    ],
    edges: [{ id: 'e', source: 'in', target: 'd' }],
  },
  dataset: { id: 'xor' },
  training: {
    optimizer: { kind: 'adam', learningRate: 0.05 },
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy'],
    epochs: 2,
    batchSize: 4,
    validationSplit: 0,
  },
});
