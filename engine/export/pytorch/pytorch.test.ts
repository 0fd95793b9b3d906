// PyTorch export against TensorFlow.js: the .npy/.npz writer read back by numpy; the three
// MNIST templates, the LSTM template and small graphs of the other kinds with random weights,
// run by python3 + torch (all models in one Python process, torch's import is slow) and
// matched within 1e-4; the CLI's parity line; training (also under torchrun) writes weights
// that still load; a kind torch cannot express is an error naming the node.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/index.js';
import { run } from '../../cli/main.js';
import { layerlabProcess, REPO_ROOT } from '../../cli/testkit.js';
import { compile } from '../../compile/compile.js';
import { loadTemplate } from '../../project/templates.js';
import fc from 'fast-check';
import { resolveParams } from '../../layers/params.js';
import { CATALOG } from '../../layers/registry.js';
import { randomFrom } from '../../layers/testkit.js';
import type { LayerKind, LayerSample } from '../../layers/types.js';
import { randomizeWeights } from '../fixtures.js';
import { toPytorch, PytorchExportError } from './export.js';
import { npyBytes, npzBytes, readNpy, readNpz } from '../npy.js';
import { checkPytorchParity, findTorchPython, probeTorchPython, runPython, writePytorchFolder, WEIGHTS_NPZ } from './run.js';

const TOLERANCE = 1e-4;
const torchPython = await findTorchPython();
const numpyPython = await (async () => {
  for (const p of ['python3', '/usr/bin/python3']) if ((await runPython(p, ['-c', 'import numpy'])).code === 0) return p;
  return undefined;
})();

let dir: string;
beforeAll(async () => {
  await useBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'layerlab-pytorch-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the .npy / .npz writer', () => {
  const arrays = {
    scalar: { shape: [], data: Float32Array.from([255]) },
    'dense.weight': { shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 4e-8, 5, 6]) },
    vector: { shape: [70], data: Float32Array.from({ length: 70 }, (_, i) => i / 7) },
  };

  it('reads back in TypeScript', () => {
    const back = readNpz(npzBytes(arrays));
    expect([...back.keys()].sort()).toEqual(['dense.weight', 'scalar', 'vector']);
    for (const [k, a] of Object.entries(arrays)) {
      expect(back.get(k)!.shape).toEqual(a.shape);
      expect([...back.get(k)!.data]).toEqual([...a.data]);
    }
    // The header is padded so the data starts at a multiple of 64 bytes.
    const npy = npyBytes([2, 3], arrays['dense.weight'].data);
    expect((npy.length - 24) % 64).toBe(0);
    expect(() => readNpy(new Uint8Array(12))).toThrow('not a NumPy .npy file');
  });

  it.runIf(numpyPython)('reads back in numpy, shapes and values', async () => {
    const path = join(dir, 'a.npz');
    await writeFile(path, npzBytes(arrays));
    const r = await runPython(numpyPython!, ['-c', `import numpy as np, json; d = np.load(${JSON.stringify(path)}); print(json.dumps({k: [list(d[k].shape), str(d[k].dtype), d[k].ravel().tolist()] for k in d.files}))`]);
    expect(r.code, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as Record<string, [number[], string, number[]]>;
    for (const [k, a] of Object.entries(arrays)) {
      expect(got[k]![0]).toEqual(a.shape);
      expect(got[k]![1]).toBe('float32');
      expect(got[k]![2]).toEqual([...a.data]);
    }
  });
});

interface Case {
  name: string;
  model: tfl.LayersModel;
  nodeIdOf?: Map<string, string>;
  x: tf.Tensor;
}

/** Small graphs of the kinds the templates do not cover, with the awkward settings on
 *  purpose (uneven 'same' pads, odd transposed-conv crops, go_backwards, non-square images). */
function kindCases(): Case[] {
  const cases: Case[] = [];
  const add = (name: string, shape: number[], build: (x: tfl.SymbolicTensor) => tfl.SymbolicTensor, ints?: number) => {
    const inp = tfl.input({ shape });
    const model = tfl.model({ inputs: inp, outputs: build(inp) });
    randomizeWeights(model, cases.length + 1);
    const full = [3, ...shape];
    const x = ints ? tf.floor(tf.randomUniform(full, 0, ints - 1e-3, 'float32', 9)) : tf.randomUniform(full, -1, 1, 'float32', cases.length + 5);
    cases.push({ name, model, x });
  };
  const L = tfl.layers;
  const S = (l: tfl.layers.Layer, x: tfl.SymbolicTensor | tfl.SymbolicTensor[]) => l.apply(x) as tfl.SymbolicTensor;
  add('gru', [5, 3], (x) => S(L.dense({ units: 2, name: 'head' }), S(L.gru({ units: 4, name: 'gru', recurrentActivation: 'sigmoid', goBackwards: true }), x)));
  add('gru-seq', [4, 2], (x) => S(L.flatten({ name: 'f' }), S(L.gru({ units: 3, name: 'g', returnSequences: true }), x)));
  add('simple-rnn', [4, 2], (x) => S(L.simpleRNN({ units: 3, name: 'rnn', activation: 'relu', returnSequences: true }), x));
  add('lstm-back', [4, 2], (x) => S(L.lstm({ units: 3, name: 'lstm', goBackwards: true, returnSequences: true, activation: 'softsign' }), x));
  add('conv-bn', [6, 5, 2], (x) => S(L.flatten({ name: 'flat' }), S(L.batchNormalization({ name: 'bn', epsilon: 0.01 }), S(L.conv2d({ filters: 3, kernelSize: 2, strides: 2, padding: 'same', name: 'c', activation: 'elu' }), x))));
  add('conv-transpose', [3, 4, 2], (x) => S(L.conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', name: 'up' }), x));
  add('conv-transpose-valid', [3, 3, 2], (x) => S(L.conv2dTranspose({ filters: 2, kernelSize: 1, strides: 2, padding: 'valid', name: 'up', activation: 'hardSigmoid' }), x));
  add('concat-add', [5, 5, 2], (x) => {
    const a = S(L.conv2d({ filters: 3, kernelSize: 3, padding: 'same', name: 'a' }), x);
    const b = S(L.conv2d({ filters: 3, kernelSize: 1, name: 'b' }), x);
    const m = S(L.concatenate({ name: 'cat' }), [a, b]);
    const s = S(L.add({ name: 'sum' }), [S(L.conv2d({ filters: 6, kernelSize: 1, name: 'p' }), x), m]);
    return S(L.globalAveragePooling2d({ name: 'gap' }), s);
  });
  add('pools', [7, 6, 2], (x) => S(L.upSampling2d({ size: [2, 3], name: 'near' }), S(L.averagePooling2d({ poolSize: 2, strides: 2, padding: 'same', name: 'avg' }), S(L.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: 'max' }), x))));
  add('bilinear', [3, 4, 2], (x) => S(L.globalMaxPooling2d({ name: 'gmp' }), S(L.upSampling2d({ size: [2, 2], interpolation: 'bilinear', name: 'bil' }), x)));
  add('conv1d', [8, 3], (x) => S(L.layerNormalization({ name: 'ln' }), S(L.maxPooling1d({ poolSize: 2, name: 'mp' }), S(L.conv1d({ filters: 4, kernelSize: 3, padding: 'same', name: 'c1', activation: 'swish' }), x))));
  add('embedding', [5], (x) => S(L.dense({ units: 3, activation: 'softmax', name: 'cls' }), S(L.flatten({ name: 'fl' }), S(L.embedding({ inputDim: 7, outputDim: 2, name: 'emb' }), x))), 7);
  add('merges', [4], (x) => {
    const a = S(L.dense({ units: 3, name: 'a', activation: 'selu' }), x);
    const b = S(L.dense({ units: 3, name: 'b', activation: 'softplus' }), x);
    const m = S(L.multiply({ name: 'mul' }), [a, b]);
    const avg = S(L.average({ name: 'avg' }), [a, b, m]);
    return S(L.reshape({ targetShape: [3, 1], name: 'r' }), S(L.activation({ activation: 'relu6', name: 'act' }), S(L.dropout({ rate: 0.3, name: 'd' }), avg)));
  });
  add('repeat', [3], (x) => S(L.simpleRNN({ units: 2, name: 'rnn' }), S(L.repeatVector({ n: 4, name: 'rep' }), x)));
  return cases;
}

/** Every catalog kind in cases drawn by its own `sample`, as the layer contract test and the
 *  ONNX export test draw them. */
function catalogCases(): Case[] {
  const cases: Case[] = [];
  let seed = 31;
  for (const kind of CATALOG.filter((k: LayerKind) => k.sample && k.arity.max !== 0)) {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const sample: LayerSample = kind.sample!(randomFrom(g));
        const params = resolveParams(kind.params, sample.params).params;
        const inputs = sample.inputs.map((shape) => tfl.input({ shape: shape as number[] }));
        if (inputs.length !== 1) return; // the driver feeds one input
        const layer = kind.build(params, { tfl, name: 'under_test', seed: 7 });
        const model = tfl.model({ inputs, outputs: layer.apply(inputs[0]!) as tfl.SymbolicTensor });
        randomizeWeights(model, seed);
        const full = [3, ...(sample.inputs[0] as number[])];
        const x = sample.intInputsBelow !== undefined ? tf.floor(tf.randomUniform(full, 0, sample.intInputsBelow - 1e-3, 'float32', seed)) : tf.randomUniform(full, -1, 1, 'float32', seed);
        cases.push({ name: `${kind.kind}-${seed++} ${JSON.stringify(sample)}`, model, x });
      }),
      { seed: 20261204, numRuns: 4 },
    );
  }
  return cases;
}

async function templateCases(): Promise<Case[]> {
  const out: Case[] = [];
  for (const id of ['mnist-standard', 'mnist-simplified', 'mnist-convolutional', 'lstm-sequence']) {
    const project = await loadTemplate(id);
    const { model, nodeIdOf } = compile(project, { tfl, seed: 3 });
    randomizeWeights(model, 17);
    const shape = model.inputs[0]!.shape.slice(1) as number[];
    out.push({ name: id, model, nodeIdOf, x: tf.randomUniform([4, ...shape], 0, 255, 'float32', 5) });
  }
  return out;
}

/** One Python process runs every folder's predict() on its in.npy. */
const DRIVER = `import importlib.util, sys, numpy as np
for folder in sys.argv[1:]:
    spec = importlib.util.spec_from_file_location("m", folder + "/model.py")
    m = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(m)
        np.save(folder + "/out.npy", m.predict(np.load(folder + "/in.npy")))
    except BaseException as e:
        raise SystemExit(f"{folder}: {type(e).__name__}: {e}")
`;

describe.runIf(torchPython)('PyTorch export run by torch', () => {
  it('the MNIST and LSTM templates, small graphs of the other kinds and every catalog kind predict as TensorFlow.js', async () => {
    const cases = [...(await templateCases()), ...kindCases(), ...catalogCases()];
    const pixels = { method: 'pixels' as const, offset: [0], divisor: [255], from: 'fixed (pixels / 255)' };
    const wants: Float32Array[] = [];
    const folders: string[] = [];
    for (const c of cases) {
      const folder = join(dir, c.name.split(' ')[0]!);
      const templated = c.nodeIdOf !== undefined;
      const exp = toPytorch(c.model, { ...(c.nodeIdOf ? { nodeIdOf: c.nodeIdOf } : {}), ...(templated ? { preprocessing: pixels } : {}), name: c.name });
      await writePytorchFolder(folder, exp);
      await writeFile(join(folder, 'in.npy'), npyBytes(c.x.shape, c.x.dataSync()));
      // TensorFlow.js sees the inputs scaled, as the run trained; torch gets them raw.
      const xs = templated ? tf.div(c.x, 255) : c.x;
      wants.push((c.model.predict(xs) as tf.Tensor).dataSync() as Float32Array);
      folders.push(folder);
    }
    const r = await runPython(torchPython!, ['-c', DRIVER, ...folders]);
    expect(r.code, r.stderr).toBe(0);
    for (const [i, c] of cases.entries()) {
      const got = readNpy(await readFile(join(folders[i]!, 'out.npy'))).data;
      const want = wants[i]!;
      expect(got.length, c.name).toBe(want.length);
      let max = 0;
      for (let j = 0; j < got.length; j++) max = Math.max(max, Math.abs(got[j]! - want[j]!));
      expect(max, c.name).toBeLessThanOrEqual(TOLERANCE);
    }
    const py = await readFile(join(dir, 'mnist-convolutional', 'model.py'), 'utf8');
    expect(py).toContain('self.conv1 = nn.Conv2d(1, 30, kernel_size=(5, 5))');
    expect(py).toContain('flat = torch.flatten(drop.permute(0, 2, 3, 1), 1)');
    for (const c of cases) c.model.dispose();
  }, 60_000);

  it('layerlab export --format pytorch prints the parity line; train continues, also under torchrun', async () => {
    const template = JSON.parse(await readFile(join(REPO_ROOT, 'templates', 'xor.layerlab.json'), 'utf8'));
    template.training.epochs = 20;
    const xor = join(dir, 'xor.layerlab.json');
    await writeFile(xor, JSON.stringify(template));
    // A run recorded by a real training process, exported by its id.
    const trainedRun = await layerlabProcess('train', xor, '--json');
    expect(trainedRun.code, trainedRun.stderr).toBe(0);
    const runId = JSON.parse(trainedRun.stdout.trim().split('\n')[0]!).runId as string;
    const out = join(dir, 'xor-pytorch');
    const lines: string[] = [];
    const errs: string[] = [];
    const code = await run(['export', xor, '--format', 'pytorch', '--out', out, '--run', runId], { out: (l) => lines.push(l), err: (l) => errs.push(l) });
    expect(code, errs.join('\n')).toBe(0);
    expect(lines[0]).toBe(`exported pytorch (model.py, weights.npz, metadata.json) to ${out} from run ${runId} (20 epochs)`);
    expect(lines[1]).toMatch(/^predictions match: max \|Δ\| = \S+ over 4 samples, same class on 4\/4$/);
    const meta = JSON.parse(await readFile(join(out, 'metadata.json'), 'utf8'));
    expect(meta).toMatchObject({ format: 'layerlab-pytorch', runId, inputShape: [2] });

    await writeFile(join(dir, 'x.npy'), npyBytes([4, 2], [0, 0, 0, 1, 1, 0, 1, 1]));
    await writeFile(join(dir, 'y.npy'), npyBytes([4, 1], [0, 1, 1, 0]));
    const before = readNpz(await readFile(join(out, WEIGHTS_NPZ)));
    const trained = await runPython(torchPython!, [join(out, 'model.py'), 'train', '--x', join(dir, 'x.npy'), '--y', join(dir, 'y.npy'), '--epochs', '2']);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/epoch 2\/2: loss \d/);
    const after = readNpz(await readFile(join(out, WEIGHTS_NPZ)));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const key = [...before.keys()].find((k) => k.endsWith('.weight'))!;
    expect([...after.get(key)!.data]).not.toEqual([...before.get(key)!.data]);

    // Two processes with the environment torchrun gives each one (Debian's torchrun 1.13 fails
    // on Python 3.11 before starting any: its Std.from_str("0") returns None), so the
    // distributed path (gloo, DistributedSampler, DDP) is what runs here.
    const port = String(29500 + Math.floor(Math.random() * 2000));
    const rank = (r: number) =>
      promisify(execFile)(torchPython!, [join(out, 'model.py'), 'train', '--x', join(dir, 'x.npy'), '--y', join(dir, 'y.npy'), '--epochs', '1'], {
        timeout: 60_000,
        env: { ...process.env, WORLD_SIZE: '2', RANK: String(r), LOCAL_RANK: String(r), MASTER_ADDR: '127.0.0.1', MASTER_PORT: port },
      });
    const [r0, r1] = await Promise.all([rank(0), rank(1)]);
    expect(r0.stdout).toMatch(/^epoch 1\/1: loss \d[^]*wrote /);
    expect(r1.stdout).toBe('');
    const predicted = await runPython(torchPython!, [join(out, 'model.py'), 'predict', join(dir, 'x.npy'), join(dir, 'p.npy')]);
    expect(predicted.code, predicted.stderr).toBe(0);
    expect(readNpy(await readFile(join(dir, 'p.npy'))).shape).toEqual([4, 1]);
  }, 60_000);
});

describe('the parity check', () => {
  const tiny = () => {
    const inp = tfl.input({ shape: [3] });
    return tfl.model({ inputs: inp, outputs: tfl.layers.dense({ units: 2, name: 'd', activation: 'softmax' }).apply(inp) as tfl.SymbolicTensor });
  };
  const x = Float32Array.from([0.1, 0.2, 0.3, 1, 2, 3]);

  it('without a Python that imports torch says so, and does not fail', async () => {
    const model = tiny();
    const folder = join(dir, 'no-torch');
    await writePytorchFolder(folder, toPytorch(model));
    const r = await checkPytorchParity(folder, model, { scaled: x, raw: x, count: 2, source: 'test split' }, { python: probeTorchPython(['/nonexistent/python3']) });
    expect(r).toMatchObject({ checked: false, line: 'not checked: no PyTorch here' });
    model.dispose();
  });

  it.runIf(torchPython)('a mismatch names the first differing sample', async () => {
    const model = tiny();
    const folder = join(dir, 'mismatch');
    await writePytorchFolder(folder, toPytorch(model));
    const ok = await checkPytorchParity(folder, model, { scaled: x, raw: x, count: 2, source: 'test split', classification: true });
    expect(ok.line).toMatch(/^predictions match: max \|Δ\| = \S+ over 2 samples, same class on 2\/2$/);
    // Weights changed after export: the folder no longer predicts what the model does.
    randomizeWeights(model, 99);
    const bad = await checkPytorchParity(folder, model, { scaled: x, raw: x, count: 2, source: 'test split', classification: true });
    expect(bad.checked && !bad.ok).toBe(true);
    expect(bad.line).toMatch(/^predictions differ: max \|Δ\| = \S+ over 2 samples, same class on \d\/2; first at sample 0, value \d: the exported PyTorch model /);
    model.dispose();
  });
});

describe('PyTorch export errors', () => {
  it('a layer PyTorch export cannot express names the node and why', () => {
    const inp = tfl.input({ shape: [4, 2] });
    const model = tfl.model({ inputs: inp, outputs: tfl.layers.permute({ dims: [2, 1], name: 'swap' }).apply(inp) as tfl.SymbolicTensor });
    expect(() => toPytorch(model)).toThrow(new PytorchExportError('swap', 'Permute', 'PyTorch export has no converter for Permute'));
    expect(() => toPytorch(model)).toThrow("cannot export node 'swap' (Permute) to PyTorch: PyTorch export has no converter for Permute");
    model.dispose();
    const inp2 = tfl.input({ shape: [6, 6, 2] });
    const model2 = tfl.model({ inputs: inp2, outputs: tfl.layers.conv2d({ filters: 1, kernelSize: 2, padding: 'causal' as never, name: 'odd' }).apply(inp2) as tfl.SymbolicTensor });
    expect(() => toPytorch(model2)).toThrow("cannot export node 'odd' (Conv2D) to PyTorch: padding 'causal' has no PyTorch equivalent here");
    model2.dispose();
  });
});
