// The sample project of the tests, written once: a current-version document on XOR with the
// smallest training settings (one epoch of plain SGD). Tests and the other fixture modules
// give only what they are about (nodes, edges, a dataset, a setting) and take the rest.
import { PROJECT_FORMAT, PROJECT_VERSION, type GraphEdge, type GraphNode, type Project, type TrainingConfig } from './types.js';

export const TEST_TRAINING: TrainingConfig = {
  optimizer: { kind: 'sgd', learningRate: 0.1 },
  loss: 'meanSquaredError',
  metrics: [],
  epochs: 1,
  batchSize: 4,
  validationSplit: 0,
};

export interface TestProjectParts {
  name?: string;
  nodes?: GraphNode[];
  edges?: GraphEdge[];
  /** Default `{ id: 'xor' }`. */
  dataset?: Project['dataset'];
  /** Laid over TEST_TRAINING. */
  training?: Partial<TrainingConfig>;
}

export function testProject(parts: TestProjectParts = {}): Project {
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name: parts.name ?? 't',
    graph: { nodes: parts.nodes ?? [], edges: parts.edges ?? [] },
    dataset: parts.dataset ?? { id: 'xor' },
    training: { ...TEST_TRAINING, ...parts.training },
  };
}

/** A node at the origin (or at `y`), for graphs whose layout does not matter. */
export const testNode = (id: string, kind: string, params: Record<string, unknown> = {}, y = 0): GraphNode => ({ id, kind, params, position: { x: 0, y } });
