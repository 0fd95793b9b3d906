// A small project for the renderer's tests.
import { testProject } from '../../engine/project/fixtures.js';
import type { Project } from '../../engine/project/types.js';

export function mlp(): Project {
  return testProject({
    name: 'test',
    nodes: [
      { id: 'in', kind: 'Input', params: { shape: [2] }, position: { x: 0, y: 0 } },
      { id: 'h', kind: 'Dense', params: { units: 4, activation: 'tanh' }, position: { x: 0, y: 100 } },
      { id: 'out', kind: 'Dense', params: { units: 1, activation: 'sigmoid' }, position: { x: 0, y: 200 } },
    ],
    edges: [
      { id: 'e1', source: 'in', target: 'h' },
      { id: 'e2', source: 'h', target: 'out' },
    ],
    training: { optimizer: { kind: 'adam', learningRate: 0.05 }, loss: 'binaryCrossentropy', metrics: ['accuracy'], epochs: 50 },
  });
}
