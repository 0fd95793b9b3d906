import { ok } from '../shape.js';
import { pythonTuple } from '../shape-text.js';
import type { LayerKind } from '../types.js';

/** The graph's entry point: the compiler turns it into tf.input(); it has no tf layer. */
export const Input: LayerKind = {
  kind: 'Input',
  keras: { className: 'InputLayer', neutral: { sparse: false, ragged: false, optional: false } },
  category: 'Input',
  doc: 'Where data enters the network; its shape excludes the batch dimension.',
  params: {
    shape: { type: 'shape', default: [2], allowNull: true, doc: 'Shape of one example, e.g. [28, 28, 1] for a grayscale image.' },
  },
  arity: { min: 0, max: 0 },
  keyParams: ['shape'],
  inferShape: (_inputs, params) => ok([...(params.shape as number[])]),
  countParams: () => ({ trainable: 0, nonTrainable: 0 }),
  build() {
    throw new Error('Input is compiled to tf.input(), not built as a layer');
  },
  toKeras: (params, name) => `keras.Input(shape=${pythonTuple(params.shape as (number | null)[])}, name=${JSON.stringify(name)})`,
  toTfjs: (params, name) => `tf.input({shape: ${JSON.stringify(params.shape)}, name: ${JSON.stringify(name)}})`,
  sample(rnd) {
    const shape = Array.from({ length: rnd.int(1, 3) }, () => rnd.int(1, 4));
    return { inputs: [], params: { shape } };
  },
};
