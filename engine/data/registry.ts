// Every dataset id LayerLab knows, one source file each; listings derive from this list.
import type { DatasetSpec } from './spec.js';
import { xor } from './generators/xor.js';
import { circles } from './generators/circles.js';
import { moons } from './generators/moons.js';
import { spirals } from './generators/spirals.js';
import { blobs } from './generators/blobs.js';
import { line } from './generators/line.js';
import { polynomial } from './generators/polynomial.js';
import { sine } from './generators/sequence.js';
import { skewed } from './generators/skewed.js';
import { mnist } from './builtins/mnist.js';
import { fashionMnist } from './builtins/fashionMnist.js';
import { iris } from './builtins/iris.js';

export const DATASETS: readonly DatasetSpec[] = [
  xor, circles, moons, spirals, blobs, line, polynomial, sine, skewed, mnist, fashionMnist, iris,
];

export function getDatasetSpec(id: string): DatasetSpec | undefined {
  return DATASETS.find((d) => d.id === id);
}
