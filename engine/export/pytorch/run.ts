// Writing the folder, and running its model.py with a Python that imports torch: the parity
// check feeds it the raw test examples through `python3 model.py predict` and compares with
// TensorFlow.js. Without such a Python the check says so and does not fail.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import { writeFileAtomic } from '../../project/atomic.js';
import { appPredictions, compareOutputs, PARITY_TOLERANCE, type ParityInput, type ParityResult } from '../parity.js';
import type { PytorchExport } from './export.js';
import { npyBytes, npzBytes, readNpy } from '../npy.js';

export const MODEL_PY = 'model.py';
export const WEIGHTS_NPZ = 'weights.npz';
export const METADATA_JSON = 'metadata.json';

export async function writePytorchFolder(dir: string, exp: PytorchExport): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, WEIGHTS_NPZ), npzBytes(exp.weights));
  await writeFileAtomic(join(dir, METADATA_JSON), `${JSON.stringify(exp.metadata, null, 2)}\n`);
  await writeFileAtomic(join(dir, MODEL_PY), exp.modelPy);
}

export function runPython(python: string, args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(python, args, { cwd: opts.cwd, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (err && code === -1 ? err.message : '') });
    });
  });
}

/** The first of `candidates` that imports torch and numpy. */
export async function probeTorchPython(candidates: readonly string[]): Promise<string | undefined> {
  for (const python of candidates) {
    const r = await runPython(python, ['-c', 'import torch, numpy'], { timeoutMs: 60_000 });
    if (r.code === 0) return python;
  }
  return undefined;
}

let found: Promise<string | undefined> | undefined;

/** `python3` on the PATH if it imports torch, else the system's (a virtualenv or pyenv
 *  python3 often lacks the distribution's python3-torch); looked for once per process. */
export function findTorchPython(): Promise<string | undefined> {
  found ??= probeTorchPython(['python3', '/usr/bin/python3']);
  return found;
}

const NO_TORCH = 'not checked: no PyTorch here';

/** Runs `python3 model.py predict` of the folder on the raw examples and compares its outputs
 *  with TensorFlow.js's on the scaled ones. */
export async function checkPytorchParity(dir: string, model: tfl.LayersModel, input: ParityInput, opts: { tolerance?: number; python?: Promise<string | undefined> } = {}): Promise<ParityResult> {
  const tolerance = opts.tolerance ?? PARITY_TOLERANCE;
  const python = await (opts.python ?? findTorchPython());
  if (!python) return { checked: false, reason: 'python3 with torch and numpy is not importable', line: NO_TORCH };
  if (model.inputs.length !== 1) return { checked: false, reason: 'the model has several inputs', line: 'not checked: the parity check feeds models of one input' };
  const tmp = await mkdtemp(join(tmpdir(), 'layerlab-pytorch-'));
  try {
    const shape = model.inputs[0]!.shape.slice(1) as number[];
    await writeFile(join(tmp, 'in.npy'), npyBytes([input.count, ...shape], input.raw));
    const r = await runPython(python, [join(dir, MODEL_PY), 'predict', join(tmp, 'in.npy'), join(tmp, 'out.npy')]);
    if (r.code !== 0) {
      const line = `predictions differ: python3 model.py predict failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-1)[0] ?? ''}`;
      return { checked: true, ok: false, samples: input.count, maxDelta: Infinity, source: input.source, line };
    }
    const got = readNpy(await readFile(join(tmp, 'out.npy')), 'out.npy').data;
    const { values, width } = await appPredictions(model, input);
    return compareOutputs(got, values, width, input, 'the exported PyTorch model', tolerance);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
