// Parameters, shapes and config shared by SimpleRNN, LSTM and GRU (which differ in the number
// of gates and in the recurrent activation).
import { ACTIVATIONS, activationParam, initializer, initializerParam, regularizer, regularizerParam } from './params.js';
import { ok, rankError, sequenceHint, single, unknownError } from './shape.js';
import { sampleActivation, sampleRegularizer } from './sampling.js';
import type { BuildContext, LayerSample, ParamSpecs, Params, SampleRandom, Shape, ShapeResult } from './types.js';

/** `gated`: LSTM and GRU, whose gates take a recurrent activation of their own. */
export function recurrentParams({ gated }: { gated: boolean }): ParamSpecs {
  return {
    units: { type: 'int', default: 32, min: 1, doc: 'Size of the hidden state (and of each output).' },
    activation: activationParam('tanh', 'Function applied to the new state.'),
    ...(gated
      ? {
          // TensorFlow.js defaults to hardSigmoid; Keras 2.3+ to sigmoid.
          recurrentActivation: { ...activationParam('hardSigmoid', 'Function of the gates.'), advanced: true, kerasDefault: 'sigmoid' },
        }
      : {}),
    returnSequences: { type: 'bool', default: false, doc: 'Output the state at every time step (needed to stack recurrent layers), not just the last.' },
    dropout: { type: 'float', default: 0, min: 0, max: 0.99, doc: 'Fraction of the inputs dropped while training.', advanced: true },
    recurrentDropout: { type: 'float', default: 0, min: 0, max: 0.99, doc: 'Fraction of the recurrent state dropped while training.', advanced: true },
    goBackwards: { type: 'bool', default: false, doc: 'Read the sequence from its end.', advanced: true },
    useBias: { type: 'bool', default: true, doc: 'Add learned biases.', advanced: true },
    kernelInitializer: initializerParam('glorotNormal', 'How the input weights start.', 'glorotUniform'),
    recurrentInitializer: initializerParam('orthogonal', 'How the recurrent weights start.'),
    biasInitializer: initializerParam('zeros', 'How the biases start.'),
    kernelRegularizer: regularizerParam('L1/L2 weight decay on the input weights.'),
    recurrentRegularizer: regularizerParam('L1/L2 weight decay on the recurrent weights.'),
    biasRegularizer: regularizerParam('L1/L2 weight decay on the biases.'),
  };
}

export function recurrentShape(kind: string, inputs: Shape[], params: Params): ShapeResult {
  const s = single(inputs);
  if (s.length !== 2) return rankError(3, 'timesteps, features', s, sequenceHint(s));
  if (s[1] === null) return unknownError('a known feature count', s);
  const units = params.units as number;
  return ok(params.returnSequences ? [s[0]!, units] : [units]);
}

/** Weights of a cell with `gates` blocks: input kernel, recurrent kernel and bias per block. */
export function recurrentCount(inputs: Shape[], params: Params, gates: number) {
  const features = (single(inputs)[1] ?? 0) as number;
  const u = params.units as number;
  return { trainable: gates * (u * (features + u) + (params.useBias ? u : 0)), nonTrainable: 0 };
}

/** The TensorFlow.js config common to the three kinds. */
export function recurrentConfig(params: Params, ctx: BuildContext, gated: boolean) {
  return {
    name: ctx.name,
    units: params.units as number,
    activation: params.activation as never,
    ...(gated ? { recurrentActivation: params.recurrentActivation as never } : {}),
    returnSequences: params.returnSequences as boolean,
    dropout: params.dropout as number,
    recurrentDropout: params.recurrentDropout as number,
    goBackwards: params.goBackwards as boolean,
    useBias: params.useBias as boolean,
    kernelInitializer: initializer(ctx, params.kernelInitializer, 1) as never,
    recurrentInitializer: initializer(ctx, params.recurrentInitializer, 2) as never,
    biasInitializer: initializer(ctx, params.biasInitializer, 3) as never,
    kernelRegularizer: regularizer(ctx, params.kernelRegularizer ?? null) as never,
    recurrentRegularizer: regularizer(ctx, params.recurrentRegularizer ?? null) as never,
    biasRegularizer: regularizer(ctx, params.biasRegularizer ?? null) as never,
  };
}

const GATE_ACTIVATIONS = ACTIVATIONS.filter((a) => a !== 'softmax');

export function recurrentSample(rnd: SampleRandom, gated: boolean): LayerSample {
  return {
    inputs: [[rnd.int(1, 4), rnd.int(1, 3)]],
    params: {
      units: rnd.int(1, 4),
      activation: sampleActivation(rnd),
      ...(gated ? { recurrentActivation: rnd.pick(GATE_ACTIVATIONS) } : {}),
      returnSequences: rnd.bool(),
      dropout: rnd.pick([0, 0.2]),
      recurrentDropout: rnd.pick([0, 0.2]),
      goBackwards: rnd.bool(),
      useBias: rnd.bool(),
      kernelInitializer: rnd.pick(['glorotNormal', 'glorotUniform', 'heNormal']),
      recurrentInitializer: rnd.pick(['orthogonal', 'glorotUniform']),
      kernelRegularizer: sampleRegularizer(rnd),
      recurrentRegularizer: sampleRegularizer(rnd),
      biasRegularizer: sampleRegularizer(rnd),
    },
  };
}
