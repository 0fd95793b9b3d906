// Evaluates a trained model on a split: loss, and for classification accuracy, the
// confusion matrix and per-class precision/recall/F1 with macro averages; for regression
// loss and mean absolute error. As in Keras, the loss includes the layers' regularization
// terms (weight decay), so validation and test losses compare with the training loss.
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { type Head, makeHead } from '../compile/head.js';
import { Feeder, disposeBatch, range } from '../compile/feed.js';
import type { Dataset, Split } from '../data/types.js';
import type { Project } from '../project/types.js';
import { MetricAccumulator, type Totals } from './accumulate.js';
import { type ClassMetrics, metricsFromConfusion } from './metrics.js';

export { metricsFromConfusion, headlineMetrics } from './metrics.js';

export interface Evaluation {
  loss: number;
  accuracy?: number;
  confusion?: number[][];
  classNames?: string[];
  perClass?: ClassMetrics[];
  macro?: { precision: number; recall: number; f1: number };
  mae?: number;
}

const EVAL_BATCH = 256;

/** Feeds a model of these inputs from a dataset like this one. `inputIds` name the Input
 *  nodes in messages (default: the model's input layer names). */
export function feederFor(model: LayersModel, head: Head, dataset: Pick<Dataset, 'inputShape'>, batchSize: number, inputIds?: string[]): Feeder {
  return new Feeder(
    model.inputs.map((t) => t.shape),
    inputIds ?? model.inputNames,
    dataset.inputShape,
    head,
    batchSize,
  );
}

export function evaluationFromTotals(head: Head, totals: Totals): Evaluation {
  if (head.task === 'regression' || !totals.confusion) return { loss: totals.loss, mae: totals.mae };
  const m = metricsFromConfusion(totals.confusion, head.classes?.names);
  return { loss: totals.loss, accuracy: m.accuracy, confusion: m.confusion, classNames: m.classNames, perClass: m.perClass, macro: m.macro };
}

/** Runs the model over split rows `order` in inference mode. */
export async function evaluateRows(model: LayersModel, head: Head, feeder: Feeder, split: Split, order: ArrayLike<number>): Promise<Evaluation> {
  const acc = new MetricAccumulator(head);
  try {
    for (let start = 0; start < order.length; start += feeder.batchSize) {
      const batch = feeder.batch(split, order, start, Math.min(order.length, start + feeder.batchSize));
      try {
        // acc.add keeps its sums, so it runs outside this tidy (which would dispose them).
        const { yPred, loss } = tf.tidy(() => {
          const yPred = model.apply(batch.xs.length === 1 ? batch.xs[0]! : batch.xs, { training: false }) as tf.Tensor;
          return { yPred, loss: head.lossFn(batch.y, yPred) };
        });
        acc.add(loss, yPred, batch.y, batch.labels, batch.size);
        tf.dispose([yPred, loss]);
      } finally {
        disposeBatch(batch);
      }
    }
    const totals = await acc.read();
    return evaluationFromTotals(head, { ...totals, loss: totals.loss + (await regularizationLoss(model)) });
  } finally {
    acc.dispose();
  }
}

/** The sum of the model's regularization terms for its current weights (0 without any). */
export async function regularizationLoss(model: LayersModel): Promise<number> {
  const terms = model.calculateLosses();
  if (terms.length === 0) return 0;
  const sum = tf.tidy(() => tf.addN(terms.map((t) => tf.reshape(t, []))));
  tf.dispose(terms);
  try {
    return (await sum.data())[0]!;
  } finally {
    sum.dispose();
  }
}

/** Evaluates `model` (compiled from `project`) on one split of `dataset`. */
export async function evaluateModel(model: LayersModel, project: Project, split: Split, dataset: Dataset): Promise<Evaluation> {
  if (model.outputs.length !== 1) throw new Error(`evaluation needs a model with one output; this one has ${model.outputs.length}`);
  if (split.count === 0) throw new Error(`the split to evaluate on has no examples (dataset '${dataset.id}')`);
  const head = makeHead(project.training.loss, dataset, model.outputs[0]!.shape);
  const feeder = feederFor(model, head, dataset, EVAL_BATCH);
  return evaluateRows(model, head, feeder, split, range(split.count));
}
