// Shared draws for the kinds' `sample` hooks (contract-test cases). Kept apart from the
// parameter specs because only tests call them.
import { ACTIVATIONS, INITIALIZERS } from './params.js';
import type { ParamValue, SampleRandom } from './types.js';

// orthogonal is left to recurrent kernels: on wide kernels TensorFlow.js warns and is slow.
const WEIGHT_INITIALIZERS = INITIALIZERS.filter((i) => i !== 'orthogonal');

export function sampleActivation(rnd: SampleRandom): string {
  return rnd.pick(ACTIVATIONS);
}

/** A regularizer or none, about half the time each. */
export function sampleRegularizer(rnd: SampleRandom): ParamValue {
  if (rnd.bool()) return null;
  return rnd.pick([{ l1: 0.01 }, { l2: 0.001 }, { l1: 0.001, l2: 0.01 }]);
}

/** useBias, initializers and regularizers of Dense/Conv-like kinds. */
export function sampleWeights(rnd: SampleRandom, kernelName = 'kernel'): Record<string, ParamValue> {
  return {
    useBias: rnd.bool(),
    [`${kernelName}Initializer`]: rnd.pick(WEIGHT_INITIALIZERS),
    biasInitializer: rnd.pick(['zeros', 'ones', 'randomNormal']),
    [`${kernelName}Regularizer`]: sampleRegularizer(rnd),
    biasRegularizer: sampleRegularizer(rnd),
  };
}
