// Small documents shared by the electron/ tests.
import { testNode, testProject } from '../engine/project/fixtures.js';
import type { Project } from '../engine/project/types.js';

export const tinyProject = (): Project =>
  testProject({
    name: 'tiny',
    nodes: [testNode('in', 'Input', { shape: [2] }), testNode('d', 'Dense', { units: 2, activation: 'softmax' }, 100)],
    edges: [{ id: 'e', source: 'in', target: 'd' }],
    training: { optimizer: { kind: 'adam', learningRate: 0.05 }, loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'], epochs: 2 },
  });
