// What a dataset is to the rest of the engine: examples in flat typed arrays, a task, and
// the shapes the network must accept and produce.

export type Task = 'classification' | 'regression' | 'sequence';

export interface Split {
  /** `count * prod(inputShape)` features, row-major. */
  x: Float32Array;
  /** Classification: one class index per example. Regression/sequence: `count * prod(targetShape)` targets. */
  y: Float32Array;
  count: number;
  /** The class of each example where `y` holds something else: an autoencoder's targets are
   *  its inputs, and the classes stay here so that views can still colour by them. */
  labels?: Float32Array;
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
  /** The names of the splits' `labels` (a classification set loaded with target: 'input'). */
  labelNames?: string[];
  train: Split;
  test: Split;
  /** Present when a validation fraction was asked for; otherwise training holds it out itself. */
  validation?: Split;
  /** Names of the flat features (CSV columns after one-hot encoding), when they have names. */
  featureNames?: string[];
  /** CSV files: each column of the file and what it became (feature, label, left out). */
  columns?: DatasetColumn[];
  /** What loading decided that the user should know: a column left out, and how to keep it. */
  warnings?: string[];
  /** How the features were scaled; statistics come from the training split only, and export
   *  carries them so that predictions later see the same scaling. */
  preprocessing?: Preprocessing;
  /** Engineered inputs appended to the two raw features before scaling (dataset option
   *  `engineered`, engine/views/engineered.ts): the first two columns stay the raw plane. */
  engineered?: string[];
  /** Where the examples were read from and how they were stored there. */
  format?: DatasetFormat;
  /** Element type in the source (e.g. 'ubyte' for IDX images, 'float32' for generated sets). */
  sourceDtype?: string;
}

/** One column of a CSV file as the loader read it. */
export interface DatasetColumn {
  name: string;
  /** 'ignored': not a feature (left out by choice, or as an identifier). */
  kind: 'numeric' | 'categorical' | 'ignored';
  /** The column the network learns to predict. */
  label?: true;
  /** The kind was set by the dataset option `columns`, not detected. */
  chosen?: true;
  /** Left out because nearly every row holds a different text (a name, an id). */
  identifier?: true;
  /** Numbers written with decimal commas. */
  decimal?: ',';
  /** Categorical columns: how many categories (one-hot features, or classes for the label). */
  categories?: number;
}

export type DatasetFormat = 'generated' | 'builtin' | 'idx' | 'csv' | 'images';

export type ScalingMethod = 'none' | 'pixels' | 'scale' | 'meanNorm' | 'standardize';

/** `x' = (x - offset[i]) / divisor[i]` per flat feature i (one entry when it is the same for all). */
export interface Preprocessing {
  method: ScalingMethod;
  offset: number[];
  divisor: number[];
  /** What the statistics were computed from, in words ('training split, 8000 examples'). */
  from: string;
}

/** One batch of examples from a batch source. */
export interface Batch {
  x: Float32Array;
  y: Float32Array;
  count: number;
}

/** Yields a split in batches, for data that should not (or cannot) sit in memory at once. */
export interface BatchSource {
  count: number;
  inputShape: number[];
  targetShape: number[];
  batches(batchSize: number): AsyncIterable<Batch>;
}

/** What `listDatasets()` shows in the data panel and `layerlab data list`. */
export interface DatasetSummary {
  id: string;
  name: string;
  description: string;
  source: string;
  task: Task;
  format: DatasetFormat;
  /** Whether it can be loaded here (e.g. Fashion-MNIST needs a Debian package). */
  available: boolean;
  reason?: string;
  /** Options the loader understands, with their defaults. */
  options: Record<string, unknown>;
}
