// The project the editor starts with before the host answers (and the fallback for "New").
import type { Project } from '../../engine/project/types.js';

export function blankProject(): Project {
  return {
    format: 'layerlab-project',
    version: 1,
    name: 'Untitled',
    graph: { nodes: [], edges: [] },
    dataset: { id: 'xor' },
    training: {
      optimizer: { kind: 'adam', learningRate: 0.01 },
      loss: 'binaryCrossentropy',
      metrics: ['accuracy'],
      epochs: 20,
      batchSize: 32,
      validationSplit: 0.1,
      seed: 42,
    },
  };
}
