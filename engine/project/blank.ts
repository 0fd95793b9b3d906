// The document "New" opens (host and renderer alike): an empty graph and the training
// settings that suit the default dataset, XOR (one sigmoid output, binary cross-entropy).
import { PROJECT_VERSION, type Project } from './types.js';

export function blankProject(): Project {
  return {
    format: 'layerlab-project',
    version: PROJECT_VERSION,
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
