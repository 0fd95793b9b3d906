// A runnable Python script that rebuilds the project in Keras (functional API, each layer
// written by its kind's toKeras) and trains it with the project's configuration: optimizer,
// loss, metrics, epochs, batch size, validation split, early stopping, learning-rate decay.
import { snake } from '../layers/params.js';
import type { Project, TrainingConfig } from '../project/types.js';
import { codeGraph, type CodeGraph, type CodeNode } from './graphCode.js';
import { pyData } from './kerasData.js';
import { isInputKind } from '../layers/registry.js';

const PY_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield input print len id type map list dict set str int float range'.split(
    ' ',
  ),
);
const RESERVED = new Set(['keras', 'layers', 'regularizers', 'np', 'model', 'build_model', 'compile_model', 'make_callbacks', 'load_data', 'main', 'callbacks', 'os', 'sys', 'load_run_weights', 'scale', 'predict']);

export function pyIdentifier(id: string): string {
  let s = id.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(s)) s = `n_${s}`;
  return PY_KEYWORDS.has(s) ? `${s}_` : s;
}

/** A Python number literal (JS and Python agree on finite numbers' text, e.g. 1e-7). */
const num = (n: number): string => String(n);
/** A Python string literal (JSON's escapes are valid Python). */
const str = (s: string): string => JSON.stringify(s);

/** "MNIST — convolutional" → "mnist_convolutional": a model name every Keras version accepts. */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'model';
}

function pyList(items: string[]): string {
  return items.length === 1 ? items[0]! : `[${items.join(', ')}]`;
}

function docString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
}

function optimizerExpr(t: TrainingConfig, lr: string): string {
  const o = t.optimizer;
  const kw = (pairs: [string, number | boolean | undefined][]) =>
    pairs
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `, ${k}=${typeof v === 'boolean' ? (v ? 'True' : 'False') : num(v as number)}`)
      .join('');
  switch (o.kind) {
    case 'sgd':
      return `keras.optimizers.SGD(learning_rate=${lr}${kw([['momentum', o.momentum], ['nesterov', o.nesterov]])})`;
    case 'adagrad':
      return `keras.optimizers.Adagrad(learning_rate=${lr}${kw([['epsilon', o.epsilon]])})`;
    case 'adadelta':
      return `keras.optimizers.Adadelta(learning_rate=${lr}${kw([['rho', o.rho], ['epsilon', o.epsilon]])})`;
    case 'adam':
      return `keras.optimizers.Adam(learning_rate=${lr}${kw([['beta_1', o.beta1], ['beta_2', o.beta2], ['epsilon', o.epsilon]])})`;
    case 'adamax':
      return `keras.optimizers.Adamax(learning_rate=${lr}${kw([['beta_1', o.beta1], ['beta_2', o.beta2], ['epsilon', o.epsilon]])})`;
    case 'rmsprop':
      return `keras.optimizers.RMSprop(learning_rate=${lr}${kw([['rho', o.rho], ['momentum', o.momentum], ['epsilon', o.epsilon]])})`;
  }
}

const METRIC_EXPR: Record<string, string> = {
  accuracy: '"accuracy"',
  precision: 'keras.metrics.Precision(name="precision")',
  recall: 'keras.metrics.Recall(name="recall")',
};

const layerLine = (n: CodeNode, indent: string): string => {
  const expr = n.kind.toKeras(n.params, n.layerName);
  const call = isInputKind(n.kind) ? expr : `${expr}(${n.kind.arity.max > 1 ? `[${n.inputs.join(', ')}]` : n.inputs[0]})`;
  return `${indent}${n.varName} = ${call}`;
};

interface BlockCode {
  fn: string[];
  /** Where in build_model the call goes: at the block's last member. */
  at: string;
  call: string;
  members: Set<string>;
}

/** Each outermost block of the project as a Python function of its input tensors returning
 *  its output tensors, called from build_model where its last layer was. A block is written
 *  flat instead when it cannot be one call: it holds an Input, or a path leaves it and comes
 *  back. Layer names stay those of the flat model, so weights and summaries match. */
function blockFunctions(g: CodeGraph, project: Project, used: Set<string>): BlockCode[] {
  const groups = project.groups ?? [];
  const index = new Map(g.nodes.map((n, i) => [n.id, i]));
  const out: BlockCode[] = [];
  const outermost = groups.filter((b) => !groups.some((o) => o !== b && o.nodes.length > b.nodes.length && b.nodes.every((n) => o.nodes.includes(n))));
  for (const b of outermost) {
    const members = new Set(b.nodes);
    const nodes = g.nodes.filter((n) => members.has(n.id));
    if (!nodes.length || nodes.some((n) => isInputKind(n.kind))) continue;
    const last = Math.max(...nodes.map((n) => index.get(n.id)!));
    const varOf = new Map(g.nodes.map((n) => [n.id, n.varName]));
    const memberVars = new Set(nodes.map((n) => n.varName));
    const params = [...new Set(nodes.flatMap((n) => n.inputs.filter((v) => !memberVars.has(v))))];
    const consumers = g.nodes.filter((n) => !members.has(n.id) && n.inputs.some((v) => memberVars.has(v)));
    // A consumer drawn before the block's last layer: the block is not one step of the network.
    if (consumers.some((c) => index.get(c.id)! < last)) continue;
    const outputs = nodes.filter((n) => consumers.some((c) => c.inputs.includes(n.varName)) || g.outputs.some((o) => o.id === n.id)).map((n) => n.varName);
    if (!outputs.length) continue;
    let name = `block_${pyIdentifier(slug(b.name))}`.replace(/_+$/, '');
    for (let i = 2; used.has(name) || [...varOf.values()].includes(name); i++) name = `block_${pyIdentifier(slug(b.name))}_${i}`;
    used.add(name);
    const fn = [`def ${name}(${params.join(', ')}):`, `    """The block "${docString(b.name)}" (${nodes.length} layers), as grouped in LayerLab."""`];
    for (const n of nodes) fn.push(layerLine(n, '    '));
    fn.push(`    return ${outputs.join(', ')}`);
    out.push({ fn, at: g.nodes[last]!.id, call: `    ${outputs.join(', ')} = ${name}(${params.join(', ')})`, members });
  }
  return out;
}

function buildFunction(g: CodeGraph, project: Project, blocks: BlockCode[] = []): string[] {
  const lines = ['def build_model():', '    """The network, layer by layer, as drawn in LayerLab."""'];
  for (const n of g.nodes) {
    const block = blocks.find((b) => b.members.has(n.id));
    if (!block) lines.push(layerLine(n, '    '));
    else if (block.at === n.id) lines.push(block.call);
  }
  const ins = pyList(g.inputs.map((n) => n.varName));
  const outs = pyList(g.outputs.map((n) => n.varName));
  lines.push(`    return keras.Model(inputs=${ins}, outputs=${outs}, name=${str(slug(project.name))})`);
  return lines;
}

function compileFunction(t: TrainingConfig): string[] {
  let lr = 'LEARNING_RATE';
  const lines = ['def compile_model(model):'];
  if (t.lrSchedule?.kind === 'exponential') {
    lines.push(
      `    # Exponential decay per batch: lr = LEARNING_RATE * ${num(t.lrSchedule.decayRate)} ** (step / ${t.lrSchedule.decaySteps})`,
      `    lr = keras.optimizers.schedules.ExponentialDecay(LEARNING_RATE, decay_steps=${t.lrSchedule.decaySteps}, decay_rate=${num(t.lrSchedule.decayRate)})`,
    );
    lr = 'lr';
  }
  const metrics = t.metrics.map((m) => METRIC_EXPR[m] ?? str(m));
  lines.push(
    '    model.compile(',
    `        optimizer=${optimizerExpr(t, lr)},`,
    `        loss=${str(snake(t.loss))},`,
    `        metrics=[${metrics.join(', ')}],`,
    '    )',
  );
  return lines;
}

function callbacksFunction(t: TrainingConfig): string[] {
  const lines = ['def make_callbacks():', '    callbacks = []'];
  const es = t.earlyStopping;
  if (es)
    lines.push(
      '    callbacks.append(keras.callbacks.EarlyStopping(',
      `        monitor=${str(es.monitor)}, patience=${es.patience}, min_delta=${num(es.minDelta ?? 0)},`,
      `        restore_best_weights=${es.restoreBestWeights ? 'True' : 'False'},`,
      '    ))',
    );
  if (t.lrSchedule?.kind === 'step')
    lines.push(
      `    # Step decay per epoch: the rate is multiplied by ${num(t.lrSchedule.factor)} every ${t.lrSchedule.every} epoch(s).`,
      '    callbacks.append(keras.callbacks.LearningRateScheduler(',
      `        lambda epoch, lr: LEARNING_RATE * ${num(t.lrSchedule.factor)} ** (epoch // ${t.lrSchedule.every})`,
      '    ))',
    );
  lines.push('    return callbacks');
  return lines;
}

export interface KerasScriptOptions {
  /** The file beside the script holding a run's trained weights (./keras-package.ts): keys
   *  `<layer>/<i>` in Keras's order, and the run's input scaling as `layerlab_scaling/offset`
   *  and `layerlab_scaling/divisor`. Without it the script builds fresh weights. */
  weightsFile?: string;
  /** The run's class names, for `predict` to print. */
  classNames?: string[];
}

/** Loading a run's weights, its scaling, and `predict IN.npy OUT.npy` on raw inputs. */
function runWeightsFunctions(o: KerasScriptOptions): string[] {
  return [
    'def load_run_weights(model):',
    '    """The LayerLab run\'s trained weights, layer by layer, from RUN_WEIGHTS beside this script."""',
    '    with np.load(os.path.join(os.path.dirname(os.path.abspath(__file__)), RUN_WEIGHTS)) as w:',
    '        for layer in model.layers:',
    '            count = sum(1 for k in w.files if k.rsplit("/", 1)[0] == layer.name)',
    '            if count:',
    '                layer.set_weights([w[f"{layer.name}/{i}"] for i in range(count)])',
    '        return w["layerlab_scaling/offset"], w["layerlab_scaling/divisor"]',
    '',
    '',
    'def scale(x, offset, divisor):',
    '    """Raw inputs as the run trained on them: (x - offset) / divisor, the statistics repeating',
    '    every len(offset) values of the flattened example (one value: the same for all)."""',
    '    flat = x.reshape(len(x), -1).astype("float32")',
    '    i = np.arange(flat.shape[1]) % offset.size',
    '    return ((flat - offset[i]) / divisor[i]).reshape(x.shape)',
    '',
    '',
    'def predict(path_in, path_out):',
    '    """Raw float32 inputs [n, ...Input shape] in, the model\'s outputs (probabilities) out."""',
    '    model = build_model()',
    '    offset, divisor = load_run_weights(model)',
    '    x = np.load(path_in).astype("float32")',
    '    y = model.predict(scale(x, offset, divisor), batch_size=BATCH_SIZE, verbose=0)',
    '    np.save(path_out, np.asarray(y, dtype="float32"))',
    ...(o.classNames ? ['    print("classes:", ", ".join(CLASS_NAMES))'] : []),
    '    print(f"wrote {len(x)} predictions to {path_out}")',
  ];
}

/** The whole script; throws CodeExportError (naming the node) on a graph that cannot be written. */
export function toKerasScript(project: Project, opts: KerasScriptOptions = {}): string {
  const g = codeGraph(project, pyIdentifier, RESERVED);
  const t = project.training;
  const header = [
    '#!/usr/bin/env python3',
    `"""${docString(project.name)}`,
    ...(project.description ? ['', docString(project.description)] : []),
    '',
    'Generated by LayerLab from a *.layerlab.json project: rebuilds the network with the Keras',
    "functional API and trains it with the project's settings. Needs TensorFlow 2.x or Keras 3:",
    '    pip install tensorflow',
    '"""',
    'import numpy as np',
    'import keras',
    'from keras import layers, regularizers  # noqa: F401 (regularizers: used by some layers)',
    '',
    `SEED = ${t.seed ?? 0}`,
    `EPOCHS = ${t.epochs}`,
    `BATCH_SIZE = ${t.batchSize}`,
    `VALIDATION_SPLIT = ${num(t.validationSplit)}`,
    `LEARNING_RATE = ${num(t.optimizer.learningRate)}`,
    ...(opts.weightsFile ? [`RUN_WEIGHTS = ${str(opts.weightsFile)}  # the LayerLab run's trained weights and input scaling`] : []),
    ...(opts.weightsFile && opts.classNames ? [`CLASS_NAMES = [${opts.classNames.map(str).join(', ')}]`] : []),
  ];
  if (opts.weightsFile) {
    header.splice(header.indexOf('import numpy as np'), 0, 'import os', 'import sys');
    header.splice(header.lastIndexOf('"""'), 0, '', "With the run's weights beside it (RUN_WEIGHTS):", "    python3 THIS.py predict IN.npy OUT.npy   raw inputs in, the run's predictions out", "    python3 THIS.py                          continue training from the run's weights");
  }
  const main = [
    'def main():',
    ...(opts.weightsFile ? ['    if sys.argv[1:2] == ["predict"]:', '        return predict(sys.argv[2], sys.argv[3])'] : []),
    '    keras.utils.set_random_seed(SEED)',
    '    model = build_model()',
    ...(opts.weightsFile ? ["    load_run_weights(model)  # continue from the run (load_data scales the data as above)"] : []),
    '    compile_model(model)',
    '    model.summary()',
    '    (x_train, y_train), (x_test, y_test) = load_data()',
    '    model.fit(',
    '        x_train, y_train,',
    '        epochs=EPOCHS, batch_size=BATCH_SIZE, validation_split=VALIDATION_SPLIT,',
    '        callbacks=make_callbacks(),',
    '    )',
    '    print("test:", model.evaluate(x_test, y_test, return_dict=True))',
  ];
  const blocks = blockFunctions(g, project, new Set(RESERVED));
  const sections = [header, ...blocks.map((b) => b.fn), buildFunction(g, project, blocks), compileFunction(t), callbacksFunction(t), pyData(project, g), ...(opts.weightsFile ? [runWeightsFunctions(opts)] : []), main];
  return `${sections.map((s) => s.join('\n')).join('\n\n\n')}\n\n\nif __name__ == "__main__":\n    main()\n`;
}
