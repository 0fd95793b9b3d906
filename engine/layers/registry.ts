// The catalog: every layer kind, each defined in its own file under kinds/. Everything that
// lists kinds (palette, checker, compiler, code export, tests) derives the list from here.
import { Activation } from './kinds/Activation.js';
import { Add } from './kinds/Add.js';
import { Average } from './kinds/Average.js';
import { AveragePooling1D } from './kinds/AveragePooling1D.js';
import { AveragePooling2D } from './kinds/AveragePooling2D.js';
import { BatchNormalization } from './kinds/BatchNormalization.js';
import { Concatenate } from './kinds/Concatenate.js';
import { Conv1D } from './kinds/Conv1D.js';
import { Conv2D } from './kinds/Conv2D.js';
import { Conv2DTranspose } from './kinds/Conv2DTranspose.js';
import { Dense } from './kinds/Dense.js';
import { Dropout } from './kinds/Dropout.js';
import { Embedding } from './kinds/Embedding.js';
import { Flatten } from './kinds/Flatten.js';
import { GRU } from './kinds/GRU.js';
import { GaussianNoise } from './kinds/GaussianNoise.js';
import { GlobalAveragePooling2D } from './kinds/GlobalAveragePooling2D.js';
import { GlobalMaxPooling2D } from './kinds/GlobalMaxPooling2D.js';
import { Input } from './kinds/Input.js';
import { LSTM } from './kinds/LSTM.js';
import { LayerNormalization } from './kinds/LayerNormalization.js';
import { MaxPooling1D } from './kinds/MaxPooling1D.js';
import { MaxPooling2D } from './kinds/MaxPooling2D.js';
import { Multiply } from './kinds/Multiply.js';
import { RepeatVector } from './kinds/RepeatVector.js';
import { Reshape } from './kinds/Reshape.js';
import { SimpleRNN } from './kinds/SimpleRNN.js';
import { UpSampling2D } from './kinds/UpSampling2D.js';
import { kerasClassName } from './keras-config.js';
import type { LayerKind } from './types.js';

/** In palette order: by category, the most used first within each. */
export const CATALOG: readonly LayerKind[] = [
  Input,
  // Core and regularization
  Dense,
  Activation,
  Dropout,
  GaussianNoise,
  // Reshaping
  Flatten,
  Reshape,
  RepeatVector,
  UpSampling2D,
  // Convolution
  Conv1D,
  Conv2D,
  Conv2DTranspose,
  // Pooling
  MaxPooling1D,
  AveragePooling1D,
  MaxPooling2D,
  AveragePooling2D,
  GlobalMaxPooling2D,
  GlobalAveragePooling2D,
  // Normalization
  BatchNormalization,
  LayerNormalization,
  // Sequences
  SimpleRNN,
  LSTM,
  GRU,
  Embedding,
  // Merge
  Concatenate,
  Add,
  Multiply,
  Average,
];

const BY_KIND = new Map(CATALOG.map((k) => [k.kind, k]));

export function getKind(kind: string): LayerKind | undefined {
  return BY_KIND.get(kind);
}

export function kindNames(): string[] {
  return CATALOG.map((k) => k.kind);
}

/** Whether a kind (by name or object) is where data enters the graph: the compiler makes it a
 *  tf.input(), it takes no edges, and it never counts as an output. The one test for it, so
 *  that code does not spell the kind's name. */
export function isInputKind(kind: string | LayerKind | undefined | null): boolean {
  const k = typeof kind === 'string' ? BY_KIND.get(kind) : kind;
  return k?.category === 'Input';
}

const BY_KERAS_CLASS = new Map(CATALOG.map((k) => [kerasClassName(k), k]));

/** The kind a Keras / TensorFlow.js layer class reads as ('InputLayer' → Input), if any. */
export function kindForKerasClass(className: string): LayerKind | undefined {
  return BY_KERAS_CLASS.get(className);
}
