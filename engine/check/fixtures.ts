// Small builders for projects in tests and benchmarks: nodes as [id, kind, params], edges as
// "a->b" or "a->b:1" (target port).
import { testProject } from '../project/fixtures.js';
import type { GraphEdge, GraphNode, LossName, Project } from '../project/types.js';

export type NodeSpec = [id: string, kind: string, params?: Record<string, unknown>];

export function edge(spec: string, i = 0): GraphEdge {
  const [source = '', rest = ''] = spec.split('->');
  const [target = '', port] = rest.split(':');
  return { id: `e${i}_${source}_${target}`, source, target, ...(port !== undefined ? { targetPort: Number(port) } : {}) };
}

export function project(nodes: NodeSpec[], edges: string[], loss: LossName = 'categoricalCrossentropy'): Project {
  return testProject({
    name: 'test',
    nodes: nodes.map(([id, kind, params], i): GraphNode => ({ id, kind, params: params ?? {}, position: { x: 0, y: i * 100 } })),
    edges: edges.map((e, i) => edge(e, i)),
    training: { optimizer: { kind: 'adam', learningRate: 0.01 }, loss, metrics: ['accuracy'], batchSize: 32 },
  });
}

/** Input [width] followed by n-1 Dense layers in a line. */
export function chain(n: number, width = 16): Project {
  const nodes: NodeSpec[] = [['n0', 'Input', { shape: [width] }]];
  const edges: string[] = [];
  for (let i = 1; i < n; i++) {
    nodes.push([`n${i}`, 'Dense', { units: width, activation: 'relu' }]);
    edges.push(`n${i - 1}->n${i}`);
  }
  return project(nodes, edges);
}

/** Residual blocks: x → Dense → Dense → Add(x, ·), `blocks` times, about 3 nodes per block. */
export function residual(blocks: number, width = 16): Project {
  const nodes: NodeSpec[] = [['in', 'Input', { shape: [width] }]];
  const edges: string[] = [];
  let x = 'in';
  for (let b = 0; b < blocks; b++) {
    nodes.push([`a${b}`, 'Dense', { units: width, activation: 'relu' }], [`b${b}`, 'Dense', { units: width }], [`s${b}`, 'Add']);
    edges.push(`${x}->a${b}`, `a${b}->b${b}`, `${x}->s${b}:0`, `b${b}->s${b}:1`);
    x = `s${b}`;
  }
  return project(nodes, edges);
}
