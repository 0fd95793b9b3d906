// Tiny projects and datasets for the compile/train/evaluate tests (built here so the tests
// do not depend on the dataset generators).
import { makeRng } from '../data/random.js';
import type { Dataset, Split } from '../data/types.js';
import { testProject } from '../project/fixtures.js';
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
  return testProject({
    name: 'test',
    nodes,
    edges,
    training: { optimizer: { kind: 'adam', learningRate: 0.1 }, loss: 'binaryCrossentropy', metrics: ['accuracy'], epochs: 10, seed: 1, ...training },
  });
}

export const node = (id: string, kind: string, params: Record<string, unknown> = {}): GraphNode => ({ id, kind, params, position: { x: 0, y: 0 } });
export const edge = (source: string, target: string, targetPort?: number): GraphEdge => ({ id: `${source}-${target}`, source, target, ...(targetPort === undefined ? {} : { targetPort }) });

/** Two or three well-separated 2-D blobs (class i centred at (2i, -2i) + noise), seeded. */
export function blobs(n: number, seed: number, classes = 2): Dataset {
  const rng = makeRng(seed);
  const rnd = () => rng() - 0.5;
  const make = (count: number) => {
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < count; i++) {
      const c = i % classes;
      rows.push([2 * c + rnd(), -2 * c + rnd()]);
      y.push(c);
    }
    return split(rows, y);
  };
  return {
    id: 'blobs', name: 'blobs', description: '', source: 'test', task: 'classification', inputShape: [2], targetShape: [],
    classNames: Array.from({ length: classes }, (_, i) => `c${i}`), train: make(n), test: make(Math.ceil(n / 4)),
  };
}

/** y = 3x + 1 for x in [0, scale). */
export function line(n: number, scale: number): Dataset {
  const xs = Array.from({ length: n }, (_, i) => (i / n) * scale);
  const s = split(xs.map((x) => [x]), xs.map((x) => 3 * x + 1));
  return { id: 'line', name: 'line', description: '', source: 'test', task: 'regression', inputShape: [1], targetShape: [1], train: s, test: s };
}
