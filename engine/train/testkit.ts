// Tiny projects and datasets for the compile/train/evaluate tests (built here so the tests
// do not depend on the dataset generators).
import type { Dataset, Split } from '../data/types.js';
import type { GraphEdge, GraphNode, Project, TrainingConfig } from '../project/types.js';

export function split(rows: number[][], y: number[]): Split {
  return { x: Float32Array.from(rows.flat()), y: Float32Array.from(y), count: y.length };
}

export function xorDataset(): Dataset {
  const s = split([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]);
  return {
    id: 'xor', name: 'XOR', description: 'The four XOR points.', source: 'test', task: 'classification',
    inputShape: [2], targetShape: [], classNames: ['0', '1'], train: s, test: s,
  };
}

/** A chain Input → layers…; each layer is [kind, params]. */
export function chain(inputShape: number[], layers: [string, Record<string, unknown>][], training: Partial<TrainingConfig> = {}): Project {
  const nodes: GraphNode[] = [{ id: 'in', kind: 'Input', params: { shape: inputShape }, position: { x: 0, y: 0 } }];
  const edges: GraphEdge[] = [];
  layers.forEach(([kind, params], i) => {
    const id = `l${i + 1}`;
    edges.push({ id: `e${i + 1}`, source: nodes[nodes.length - 1]!.id, target: id });
    nodes.push({ id, kind, params, position: { x: 0, y: 100 * (i + 1) } });
  });
  return project(nodes, edges, training);
}

export function project(nodes: GraphNode[], edges: GraphEdge[], training: Partial<TrainingConfig> = {}): Project {
  return {
    format: 'layerlab-project',
    version: 1,
    name: 'test',
    graph: { nodes, edges },
    dataset: { id: 'xor' },
    training: {
      optimizer: { kind: 'adam', learningRate: 0.1 },
      loss: 'binaryCrossentropy',
      metrics: ['accuracy'],
      epochs: 10,
      batchSize: 4,
      validationSplit: 0,
      seed: 1,
      ...training,
    },
  };
}

export const node = (id: string, kind: string, params: Record<string, unknown> = {}): GraphNode => ({ id, kind, params, position: { x: 0, y: 0 } });
export const edge = (source: string, target: string, targetPort?: number): GraphEdge => ({ id: `${source}-${target}`, source, target, ...(targetPort === undefined ? {} : { targetPort }) });
