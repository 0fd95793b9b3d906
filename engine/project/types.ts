// The project document (`*.layerlab.json`), version 1, as the design gives it. Names follow
// Keras/TensorFlow.js: kinds are Keras class names, params TensorFlow.js camelCase names.

export const PROJECT_FORMAT = 'layerlab-project';
export const PROJECT_VERSION = 1;

export interface GraphNode {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  position: { x: number; y: number };
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** Orders the inputs of merge layers; 0 when omitted. */
  targetPort?: number;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface DatasetRef {
  /** A built-in or generated dataset id, e.g. 'mnist', 'xor'. */
  id?: string;
  /** A file or folder to import instead of an id. */
  file?: string;
  format?: 'idx' | 'csv' | 'images';
  options?: Record<string, unknown>;
}

export const OPTIMIZERS = ['sgd', 'adagrad', 'adadelta', 'adam', 'adamax', 'rmsprop'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

export interface OptimizerConfig {
  kind: OptimizerKind;
  learningRate: number;
  /** sgd only (momentum > 0 switches to the momentum optimizer). */
  momentum?: number;
  nesterov?: boolean;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  rho?: number;
}

export const LOSSES = [
  'meanSquaredError',
  'meanAbsoluteError',
  'binaryCrossentropy',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'hinge',
] as const;
export type LossName = (typeof LOSSES)[number];

export const METRICS = ['accuracy', 'precision', 'recall'] as const;
export type MetricName = (typeof METRICS)[number];

export interface EarlyStoppingConfig {
  monitor: 'loss' | 'val_loss' | 'accuracy' | 'val_accuracy';
  patience: number;
  minDelta?: number;
  restoreBestWeights?: boolean;
}

export type LearningRateSchedule =
  | { kind: 'step'; every: number; factor: number }
  | { kind: 'exponential'; decayRate: number; decaySteps: number };

export interface TrainingConfig {
  optimizer: OptimizerConfig;
  loss: LossName;
  metrics: MetricName[];
  epochs: number;
  batchSize: number;
  validationSplit: number;
  seed?: number;
  earlyStopping?: EarlyStoppingConfig | null;
  /** Learning-rate decay per epoch (step) or per batch (exponential). */
  lrSchedule?: LearningRateSchedule | null;
}

export interface Project {
  format: typeof PROJECT_FORMAT;
  version: typeof PROJECT_VERSION;
  name: string;
  description?: string;
  graph: Graph;
  dataset: DatasetRef;
  training: TrainingConfig;
}
