// What a dataset is to the rest of the engine: examples in flat typed arrays, a task, and
// the shapes the network must accept and produce.

export type Task = 'classification' | 'regression' | 'sequence';

export interface Split {
  /** `count * prod(inputShape)` features, row-major. */
  x: Float32Array;
  /** Classification: one class index per example. Regression/sequence: `count * prod(targetShape)` targets. */
  y: Float32Array;
  count: number;
}

export interface Dataset {
  id: string;
  name: string;
  /** One or two sentences for the data panel. */
  description: string;
  /** Where the data comes from (package, file, generator and seed). */
  source: string;
  task: Task;
  /** Shape of one example, without the batch dimension. */
  inputShape: number[];
  /** Shape of one target: [] for a class index, e.g. [1] for a regression value. */
  targetShape: number[];
  /** Classification only. */
  classNames?: string[];
  train: Split;
  test: Split;
}
