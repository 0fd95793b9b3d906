// The project document (`*.layerlab.json`), version 2, as the design gives it. Names follow
// Keras/TensorFlow.js: kinds are Keras class names, params TensorFlow.js camelCase names.
// The types are inferred from the document's schema (schema.ts), its one definition: what
// parses is what the types say, defaults applied (a node's params and position, the metrics).
import type { z } from 'zod';
import type {
  datasetSchema,
  earlyStoppingSchema,
  edgeSchema,
  graphSchema,
  groupSchema,
  lrScheduleSchema,
  nodeSchema,
  optimizerSchema,
  projectSchema,
  trainingSchema,
} from './schema.js';

export const PROJECT_FORMAT = 'layerlab-project';
export const PROJECT_VERSION = 2;

export const OPTIMIZERS = ['sgd', 'adagrad', 'adadelta', 'adam', 'adamax', 'rmsprop'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

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

/** What early stopping may watch. */
export const MONITORS = ['loss', 'val_loss', 'accuracy', 'val_accuracy'] as const;

export type GraphNode = z.output<typeof nodeSchema>;
export type GraphEdge = z.output<typeof edgeSchema>;
export type Graph = z.output<typeof graphSchema>;
export type DatasetRef = z.output<typeof datasetSchema>;
export type OptimizerConfig = z.output<typeof optimizerSchema>;
export type EarlyStoppingConfig = z.output<typeof earlyStoppingSchema>;
export type LearningRateSchedule = z.output<typeof lrScheduleSchema>;
export type TrainingConfig = z.output<typeof trainingSchema>;
export type Project = z.output<typeof projectSchema>;
export type Group = z.output<typeof groupSchema>;
