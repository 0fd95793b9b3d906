// The contract every layer kind fulfils. A kind is data plus pure functions; nothing here
// touches TensorFlow.js at import time, so the renderer can check graphs without loading it.
import type * as tfc from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** One dimension of a tensor shape; `null` is a dimension unknown until run time. */
export type Dim = number | null;
/** A shape without the batch dimension. */
export type Shape = Dim[];

export type Category =
  | 'Input'
  | 'Core'
  | 'Convolution'
  | 'Pooling'
  | 'Recurrent'
  | 'Normalization'
  | 'Regularization'
  | 'Reshaping'
  | 'Merge'
  | 'Embedding';

export interface Regularizer {
  l1?: number;
  l2?: number;
}

export type ParamValue = number | boolean | string | number[] | Regularizer | null;

interface ParamBase {
  /** One line shown in the inspector. */
  doc: string;
  /** Hidden behind "advanced" in the inspector. */
  advanced?: boolean;
  /** `null` is an accepted value (meaning "none", e.g. no regularizer). */
  nullable?: boolean;
  /** Keras's own default where it differs from ours (ours follow TensorFlow.js): the Keras
   *  emitter writes the value unless it equals this, so the Python script builds the same layer. */
  kerasDefault?: ParamValue;
}

export interface IntParam extends ParamBase {
  type: 'int';
  default: number | null;
  min?: number;
  max?: number;
}
export interface FloatParam extends ParamBase {
  type: 'float';
  default: number | null;
  min?: number;
  max?: number;
  /** Exclusive lower bound (e.g. a rate that must be > 0). */
  exclusiveMin?: boolean;
}
export interface BoolParam extends ParamBase {
  type: 'bool';
  default: boolean;
}
export interface EnumParam extends ParamBase {
  type: 'enum';
  choices: readonly string[];
  default: string | null;
}
/** A positive integer or a tuple of `length` of them (kernelSize: 3 or [3, 5]). */
export interface IntTupleParam extends ParamBase {
  type: 'intTuple';
  length: number;
  default: number | number[] | null;
  min?: number;
}
/** A whole shape, e.g. Input's `shape` or Reshape's `targetShape`. */
export interface ShapeParam extends ParamBase {
  type: 'shape';
  default: number[];
  /** Reshape allows one -1 dimension. */
  allowInfer?: boolean;
  /** Input allows null (variable-length) dimensions. */
  allowNull?: boolean;
}
export interface RegularizerParam extends ParamBase {
  type: 'regularizer';
  default: Regularizer | null;
}

export type ParamSpec =
  | IntParam
  | FloatParam
  | BoolParam
  | EnumParam
  | IntTupleParam
  | ShapeParam
  | RegularizerParam;

export type ParamSpecs = Record<string, ParamSpec>;

/** Parameters after defaults are filled and values validated. */
export type Params = Record<string, ParamValue>;

/** An edit that fixes a mistake, as data the editor can apply (and `renderFix` words).
 *  `node` is the node it applies to; a kind leaves it out (it does not know its node's id)
 *  and the checker fills it in. */
export type ShapeFix =
  /** Insert a new layer before the node, on its input port `input` (0 when absent). */
  | { kind: 'insert'; node?: string; input?: number; layer: string; params: Record<string, ParamValue> }
  | { kind: 'setParam'; node?: string; param: string; value: ParamValue }
  /** Give the Input node this example shape (the checker's fix when the data needs it). */
  | { kind: 'setInputShape'; node?: string; shape: number[] }
  | { kind: 'remove'; node?: string }
  /** Change the training loss (a whole-project setting; `node` is where it is shown). */
  | { kind: 'setLoss'; node?: string; loss: string }
  /** Several of the above, applied in order as one edit (units, activation and loss together). */
  | { kind: 'all'; node?: string; fixes: ShapeFix[] };

/**
 * Why a kind refuses its input shapes, as data: which input is at fault (`input`, the port;
 * absent for a layer's only input), what it expected, what it got and, where one edit fixes
 * it, that edit (`fix`); `advice` is what words add after the fix. `problem` says how the
 * parts read as a sentence; `renderShapeError` (shape-error.ts) is the one place that words
 * them, and names the node each input shape comes from.
 */
export type ShapeError = { input?: number; fix?: ShapeFix; advice?: string } & (
  | { problem: 'rank'; expected: { rank: number; layout: string }; got: Shape }
  /** `expected` completes "<kind> needs …"; `verb` replaces "needs" where "takes" reads better. */
  | { problem: 'needs'; expected: string; got: Shape; gotNote?: string; verb?: 'takes' }
  /** A dimension that must be known when the graph is built. */
  | { problem: 'unknown'; expected: string; got: Shape }
  /** The `axis` parameter names no axis of the input. */
  | { problem: 'axis'; expected: { axis: number }; got: Shape }
  /** Too few inputs (the checker reports arity first; this guards direct calls). */
  | { problem: 'count'; expected: { min: number }; got: number }
  /** Merge inputs that disagree: `got` holds input 1's shape and that of port `input`. */
  | { problem: 'rank-mismatch'; input: number; expected: 'same rank'; got: [Shape, Shape] }
  | { problem: 'mismatch'; input: number; expected: { equal: 'shape' } | { equal: 'other-axes'; axis: number; differ: number }; got: [Shape, Shape] }
  /** A kernel or pooling window larger than the input; `unit` words a 1-D one in steps. */
  | { problem: 'window'; expected: { what: 'kernel' | 'window'; size: number[]; param: string; unit?: 'steps' }; got: Shape }
  /** Reshape: the target shape does not hold the input's values. */
  | { problem: 'size'; expected: { targetShape: number[]; values: number; multiple: boolean }; got: Shape }
);

export type ShapeResult = { ok: true; shape: Shape } | { ok: false; error: ShapeError };

/** What `build` needs besides the parameters. */
export interface BuildContext {
  /** The TensorFlow.js layers module (passed in so catalog files never import it eagerly). */
  tfl: typeof tfl;
  /** The TensorFlow.js layer name: derived from the node id, so weights and errors map back. */
  name: string;
  /** Seed for this layer's initializers and random ops; undefined means unseeded. */
  seed?: number;
  /** TensorFlow.js core ops, for layers that replace a stock op (GaussianNoise's seeded noise). */
  tf?: typeof tfc;
}

/** Random choices for `LayerKind.sample`; the contract test backs it with fast-check, so
 *  failures are seeded and shrunk. Bounds are inclusive. */
export interface SampleRandom {
  int(min: number, max: number): number;
  float(min: number, max: number): number;
  bool(): boolean;
  pick<T>(choices: readonly T[]): T;
}

/** One valid case for the catalog contract test: input shapes and parameters that must
 *  infer, build, count and train exactly as TensorFlow.js does. */
export interface LayerSample {
  /** One shape per input port, batch excluded, every dimension known and small. */
  inputs: Shape[];
  /** Parameters as a project file holds them; omitted ones take their defaults. */
  params: Record<string, ParamValue>;
  /** Feed integer ids in [0, intInputsBelow) instead of random floats (Embedding). */
  intInputsBelow?: number;
}

/** A Keras argument the kind has no parameter for: the value(s) that mean what LayerLab's
 *  layer does, or KERAS_ANY for one that changes nothing a prediction depends on. */
export type KerasNeutral = ParamValue | typeof KERAS_ANY | ((v: unknown) => boolean);
/** See KerasNeutral. */
export const KERAS_ANY = Symbol('any value');

/** How a kind reads as Keras, both ways (./keras-config.ts): the Keras/TensorFlow.js class
 *  (when it is not `kind`), and the Keras arguments without a LayerLab parameter that an
 *  imported layer may carry. Parameters map by name (camelCase here, snake_case there). */
export interface KerasSpec {
  className?: string;
  neutral?: Record<string, KerasNeutral>;
}

export interface LayerKind {
  /** Keras class name, e.g. 'Conv2D'. */
  kind: string;
  /** Keras class name and arguments where they do not follow from `kind` and `params`. */
  keras?: KerasSpec;
  category: Category;
  /** One sentence for the palette and inspector. */
  doc: string;
  params: ParamSpecs;
  /** Number of inputs: Input has 0, most layers 1, merges 2..Infinity. */
  arity: { min: number; max: number };
  /** Parameters worth showing on the node itself. */
  keyParams: readonly string[];
  /** Pure: output shape from input shapes (batch dimension excluded) or an error that says
   *  what was expected and what was found. Params are already validated. */
  inferShape(inputs: Shape[], params: Params): ShapeResult;
  /** Pure: number of weights (trainable and not) the layer creates for these inputs. */
  countParams(inputs: Shape[], params: Params): { trainable: number; nonTrainable: number };
  /** Builds the TensorFlow.js layer. Input is handled by the compiler and may throw here. */
  build(params: Params, ctx: BuildContext): tfl.layers.Layer;
  /** Python Keras constructor expression, e.g. `layers.Dense(10, activation="softmax")`. */
  toKeras(params: Params, name: string): string;
  /** TensorFlow.js constructor expression, e.g. `tf.layers.dense({units: 10})`. */
  toTfjs(params: Params, name: string): string;
  /** Optional test hook: draws one valid case. Every kind in the catalog is expected to have
   *  one; with it, the contract test (catalog.test.ts) checks the kind against TensorFlow.js. */
  sample?(rnd: SampleRandom): LayerSample;
}
