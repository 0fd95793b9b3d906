// load_data() of the Keras script: the same dataset as the project where Python can make it
// without LayerLab (Keras's own MNIST and Fashion-MNIST, the small generated sets), and a
// data.npz fallback otherwise. Labels are encoded for the project's loss.
import { check } from '../check/check.js';
import { getDatasetSpec } from '../data/registry.js';
import type { DatasetRef, Project } from '../project/types.js';
import type { CodeGraph } from './graphCode.js';

function source(project: Project): string[] {
  // A graph-only project names no dataset: its script loads data.npz like any other.
  const d: DatasetRef = project.dataset ?? {};
  const o = d.options ?? {};
  // An option the project leaves out (or sets to a non-number) takes the dataset's default.
  const defaults = (d.id ? getDatasetSpec(d.id)?.options : undefined) ?? {};
  const num = (key: string): string => String(typeof o[key] === 'number' && Number.isFinite(o[key]) ? o[key] : defaults[key]);
  const seed = project.training.seed ?? 0;
  switch (d.file ? '' : d.id) {
    case 'mnist':
    case 'fashion-mnist': {
      const mod = d.id === 'mnist' ? 'mnist' : 'fashion_mnist';
      return [
        `    # Keras's full ${d.id} (60,000 + 10,000 images); LayerLab trains on its own copy.`,
        `    (x_train, y_train), (x_test, y_test) = keras.datasets.${mod}.load_data()`,
        '    x_train, x_test = x_train / 255.0, x_test / 255.0  # pixels divided by 255',
      ];
    }
    case 'xor':
      return [
        '    rng = np.random.default_rng(SEED)',
        o.exact === true
          ? '    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")'
          : `    x = rng.integers(0, 2, size=(${num('size')}, 2)).astype("float32")`,
        '    y = np.logical_xor(x[:, 0] > 0.5, x[:, 1] > 0.5).astype("int64")',
        ...(o.exact === true ? ['    x_train, y_train, x_test, y_test = x, y, x, y  # the truth table is both learned and tested'] : [`    x = x + ${num('noise')} * rng.standard_normal(x.shape)`, '    x_train, y_train, x_test, y_test = split(x, y)']),
      ];
    case 'line':
      return [
        '    rng = np.random.default_rng(SEED)',
        `    x = rng.uniform(-1, 1, size=(${num('size')}, 1))`,
        `    y = ${num('slope')} * x + ${num('intercept')} + ${num('noise')} * rng.standard_normal(x.shape)`,
        '    x_train, y_train, x_test, y_test = split(x, y)',
      ];
    case 'blobs':
      return [
        '    rng = np.random.default_rng(SEED)',
        `    k, d, n = ${num('classes')}, ${num('features')}, ${num('size')}`,
        '    centres = rng.uniform(-8, 8, size=(k, d))',
        '    y = np.arange(n) % k',
        `    x = centres[y] + ${num('noise')} * rng.standard_normal((n, d))`,
        '    x_train, y_train, x_test, y_test = split(x, y)',
      ];
    case 'sine':
      return [
        '    rng = np.random.default_rng(SEED)',
        `    n, steps, period = ${num('size')}, ${num('timesteps')}, ${num('period')}`,
        '    start = rng.uniform(0, 100, size=(n, 1))',
        '    t = start + np.arange(steps + 1)[None, :] / period',
        `    waves = np.sin(2 * np.pi * t) + ${num('noise')} * rng.standard_normal(t.shape)`,
        '    x, y = waves[:, :steps, None], np.sin(2 * np.pi * t[:, steps:])',
        '    x_train, y_train, x_test, y_test = split(x, y)',
      ];
    default: {
      const what = d.file ? `the file ${d.file}` : d.id ? `the dataset '${d.id}'` : 'the data (this project names no dataset)';
      return [
        `    # ${what} is not generated here: save it from LayerLab or your own code as`,
        '    # data.npz with arrays x_train, y_train, x_test, y_test.',
        '    data = np.load("data.npz")',
        '    x_train, y_train, x_test, y_test = data["x_train"], data["y_train"], data["x_test"], data["y_test"]',
      ];
    }
  }
}

/** Label encoding for the loss, given the output's last dimension. */
function encode(project: Project, outUnits: number | null): string[] {
  if (project.dataset?.options?.target === 'input') return ['    y_train, y_test = x_train, x_test  # an autoencoder rebuilds its input'];
  switch (project.training.loss) {
    case 'categoricalCrossentropy':
      return [`    y_train, y_test = (keras.utils.to_categorical(y, ${outUnits ?? 'None'}) for y in (y_train, y_test))`];
    case 'sparseCategoricalCrossentropy':
      return ['    y_train, y_test = y_train.astype("int64"), y_test.astype("int64")'];
    case 'binaryCrossentropy':
    case 'hinge':
      return ['    y_train, y_test = (np.asarray(y, "float32").reshape(len(y), -1) for y in (y_train, y_test))'];
    default:
      return ['    y_train, y_test = (np.asarray(y, "float32").reshape(len(y), -1) for y in (y_train, y_test))'];
  }
}

export function pyData(project: Project, g: CodeGraph): string[] {
  const report = check(project);
  const out = report.nodes.find((n) => n.id === g.outputs[0]?.id)?.outputShape;
  const outUnits = (out?.[out.length - 1] as number | null | undefined) ?? null;
  const input = g.inputs[0]!;
  const shape = (input.params.shape as (number | null)[]).map((d) => (d === null ? '-1' : String(d)));
  return [
    'def split(x, y, test_fraction=0.2):',
    '    """A seeded shuffle, then the last fifth for testing (as LayerLab does)."""',
    '    order = np.random.default_rng(SEED).permutation(len(x))',
    '    x, y = x[order], y[order]',
    '    cut = int(len(x) * (1 - test_fraction))',
    '    return x[:cut], y[:cut], x[cut:], y[cut:]',
    '',
    '',
    'def load_data():',
    `    """(x_train, y_train), (x_test, y_test) for '${project.dataset?.id ?? project.dataset?.file ?? 'your data'}', shaped for the model's Input ${JSON.stringify(input.params.shape)}."""`,
    ...source(project),
    `    x_train, x_test = (np.asarray(x, "float32").reshape((len(x), ${shape.join(', ')})) for x in (x_train, x_test))`,
    ...encode(project, outUnits),
    '    return (x_train, y_train), (x_test, y_test)',
  ];
}
