import { kerasCall, tfjsCall } from '../params.js';
import { fail, ok, single, size } from '../shape.js';
import type { LayerKind } from '../types.js';

export const Reshape: LayerKind = {
  kind: 'Reshape',
  category: 'Reshaping',
  doc: 'Rearranges the values of one example into a new shape with the same number of values.',
  params: {
    targetShape: {
      type: 'shape',
      default: [-1],
      allowInfer: true,
      doc: 'New shape without the batch dimension; one -1 is computed from the rest, e.g. [28, 28, 1].',
    },
  },
  arity: { min: 1, max: 1 },
  keyParams: ['targetShape'],
  inferShape(inputs, params) {
    const s = single(inputs);
    const target = params.targetShape as number[];
    const n = size(s);
    const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const infers = target.includes(-1);
    // With an unknown input size only TensorFlow.js at run time can tell; the -1 stays unknown.
    if (n === null) return ok(target.map((d) => (d === -1 ? null : d)));
    if (infers) {
      if (n % known !== 0)
        return fail({ problem: 'size', expected: { targetShape: [...target], values: known, multiple: true }, got: s });
      // TensorFlow.js leaves the -1 dimension unknown in the graph (it resolves it only at run
      // time), and the layers after it must see the same shape the compiler will.
      return ok(target.map((d) => (d === -1 ? null : d)));
    }
    if (known !== n)
      return fail({ problem: 'size', expected: { targetShape: [...target], values: known, multiple: false }, got: s });
    return ok([...target]);
  },
  countParams: () => ({ trainable: 0, nonTrainable: 0 }),
  build: (params, ctx) => ctx.tfl.layers.reshape({ name: ctx.name, targetShape: params.targetShape as number[] }),
  toKeras: (params, name) => kerasCall('Reshape', Reshape.params, params, name, { positional: ['targetShape'] }),
  toTfjs: (params, name) => tfjsCall('reshape', Reshape.params, params, name, ['targetShape']),
  sample(rnd) {
    const a = rnd.int(1, 4);
    const b = rnd.int(1, 4);
    const c = rnd.int(1, 3);
    const input = rnd.pick([[a * b * c], [a, b * c], [a, b, c]]);
    const target = rnd.pick([[a * b * c], [b, a * c], [c, a, b], [-1, c], [a, -1], [a, b, c]]);
    return { inputs: [input], params: { targetShape: target } };
  },
};
