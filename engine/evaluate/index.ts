export { evaluateModel, evaluateRows, feederFor, type Evaluation } from './evaluate.js';
export { headlineMetrics, metricsFromConfusion, type ClassMetrics, type ConfusionMetrics } from './metrics.js';
