// The lecture's three MNIST programs (standard MLP, simplified MLP, convolutional), built
// straight from tfjs-layers so the benchmark does not depend on the project pipeline it measures.
import type * as tfl from '@tensorflow/tfjs-layers';

export const BENCH_MODELS = ['standard', 'simplified', 'convolutional'] as const;
export type BenchModel = (typeof BENCH_MODELS)[number];

/** The lecture's parameter counts (Keras' model.summary()); the builder is checked against them. */
export const PARAM_COUNTS: Record<BenchModel, number> = { standard: 669_706, simplified: 79_510, convolutional: 244_253 };

/** Whether the model takes 28×28×1 images (else flat 784-vectors). */
export function isImageModel(m: BenchModel): boolean {
  return m === 'convolutional';
}

export function buildModel(lib: typeof tfl, m: BenchModel, seed = 42): tfl.LayersModel {
  const L = lib.layers;
  let s = seed;
  const init = () => lib.initializers.glorotUniform({ seed: s++ });
  const dense = (units: number, activation: 'relu' | 'softmax') => L.dense({ units, activation, kernelInitializer: init() });
  const model = lib.sequential();
  if (m === 'standard') {
    model.add(L.inputLayer({ inputShape: [784] }));
    model.add(dense(512, 'relu'));
    model.add(L.dropout({ rate: 0.2 }));
    model.add(dense(512, 'relu'));
    model.add(L.dropout({ rate: 0.2 }));
    model.add(dense(10, 'softmax'));
  } else if (m === 'simplified') {
    model.add(L.inputLayer({ inputShape: [784] }));
    model.add(dense(100, 'relu'));
    model.add(dense(10, 'softmax'));
  } else {
    model.add(L.inputLayer({ inputShape: [28, 28, 1] }));
    model.add(L.conv2d({ filters: 30, kernelSize: 5, activation: 'relu', kernelInitializer: init() }));
    model.add(L.conv2d({ filters: 15, kernelSize: 3, activation: 'relu', kernelInitializer: init() }));
    model.add(L.maxPooling2d({ poolSize: 2 }));
    model.add(L.dropout({ rate: 0.2 }));
    model.add(L.flatten());
    model.add(dense(128, 'relu'));
    model.add(dense(50, 'relu'));
    model.add(dense(10, 'softmax'));
  }
  return model;
}
