// Fashion-MNIST (Zalando, 2017) from Debian's dataset-fashion-mnist: 60,000 train and
// 10,000 test images of clothing, 28×28 grayscale, IDX gzip under /usr/share/datasets.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fashionMnistDir } from '../../backend/env.js';
import type { DatasetSpec } from '../spec.js';
import { num } from '../spec.js';
import { DatasetError } from '../errors.js';
import { readIdxPair } from '../sources/idxPair.js';
import { parts } from '../progress.js';

export const FASHION_DIR = fashionMnistDir();
const FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
};
export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

function missing(): string | null {
  const absent = Object.values(FILES).filter((f) => !existsSync(join(FASHION_DIR, f)));
  return absent.length
    ? `Fashion-MNIST is not installed: ${join(FASHION_DIR, absent[0]!)} is missing; install it with \`apt-get install dataset-fashion-mnist\``
    : null;
}

export const fashionMnist: DatasetSpec = {
  id: 'fashion-mnist',
  name: 'Fashion-MNIST',
  description: '70,000 28×28 grayscale photos of clothing in 10 classes (Zalando Research, 2017): 60,000 train, 10,000 test.',
  source: `Debian package dataset-fashion-mnist (${FASHION_DIR})`,
  task: 'classification',
  format: 'builtin',
  options: { trainLimit: 60000, testLimit: 10000 },
  unavailable: missing,
  async load(o, _seed, progress) {
    const why = missing();
    if (why) throw new DatasetError(why);
    const trainLimit = num(this, o, 'trainLimit', 1, 60000, true);
    const testLimit = num(this, o, 'testLimit', 1, 10000, true);
    const part = parts(progress?.('images'));
    const [train, test] = await Promise.all([
      readIdxPair(join(FASHION_DIR, FILES.trainImages), join(FASHION_DIR, FILES.trainLabels), trainLimit < 60000 ? trainLimit : undefined, part()),
      readIdxPair(join(FASHION_DIR, FILES.testImages), join(FASHION_DIR, FILES.testLabels), testLimit < 10000 ? testLimit : undefined, part()),
    ]);
    return {
      name: this.name,
      description: this.description,
      source: this.source,
      task: 'classification',
      inputShape: [28, 28, 1],
      targetShape: [],
      classNames: FASHION_CLASSES,
      sourceDtype: 'ubyte',
      train: train.split,
      test: test.split,
      defaultPreprocess: 'pixels',
    };
  },
};
