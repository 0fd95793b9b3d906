// The document "New" opens: one Input node and the training settings every template starts from.
import type { Project } from '../engine/project/types.js';

export function blankProject(): Project {
  return {
    format: 'layerlab-project',
    version: 1,
    name: 'Untitled',
    graph: { nodes: [], edges: [] },
    dataset: { id: 'xor' },
    training: {
      optimizer: { kind: 'adam', learningRate: 0.01 },
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
      epochs: 10,
      batchSize: 32,
      validationSplit: 0.1,
      seed: 42,
    },
  };
}
