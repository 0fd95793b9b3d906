// Runs engine/bench/peer_torch.py with Debian's PyTorch. The system interpreter is used on
// purpose: python3-torch lives in /usr/bin/python3, which is not the first python3 on PATH
// on these machines.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peerPythonOverride } from '../backend/env.js';
import type { BenchModel } from './models.js';
import type { BatchPlan } from './stats.js';

export interface PeerResult {
  model: string;
  backend: string;
  device: string;
  /** torch.get_num_threads() as the peer ran. */
  threads: number;
  imagesPerSec: number;
  batches: number;
  seconds: number;
  finalLoss: number;
}

export interface PeerOptions extends BatchPlan {
  model: BenchModel;
  warmup: number;
  batchSize: number;
  /** Images of the slice, read round and round as LayerLab's measurement reads them. */
  slice: number;
  data: string;
  device: string;
  /** The thread count to give PyTorch: LayerLab's. */
  threads: number;
}

export const PEER_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'peer_torch.py');

export function peerPython(): string {
  return peerPythonOverride() ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
}

/** The peer's command line for one measurement of one model. */
export function peerArgs(o: PeerOptions): string[] {
  return [
    PEER_SCRIPT, '--models', o.model, '--batches', String(o.batches), '--warmup', String(o.warmup), '--batch-size', String(o.batchSize),
    '--min-seconds', String(o.minSeconds), '--max-seconds', String(o.maxSeconds), '--slice', String(o.slice), '--data', o.data,
    '--device', o.device, '--threads', String(o.threads),
  ];
}

/** One measurement by the PyTorch peer. Its BLAS and OpenMP pools get the same thread count
 *  as torch.set_num_threads, so no library underneath runs on more threads than LayerLab. */
export async function runPeer(o: PeerOptions): Promise<PeerResult> {
  const args = peerArgs(o);
  const python = peerPython();
  const threads = String(o.threads);
  const env = { ...process.env, OMP_NUM_THREADS: threads, OPENBLAS_NUM_THREADS: threads, MKL_NUM_THREADS: threads };
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new Error(`cannot start ${python} for the PyTorch peer: ${e.message}`)));
    child.on('close', (code) => {
      if (code !== 0) {
        const why = err.trim().split('\n').slice(-3).join(' | ');
        reject(new Error(`PyTorch peer (${python} ${PEER_SCRIPT}) exited with ${code}: ${why || 'no message'}`));
        return;
      }
      const lines = out.trim().split('\n').filter((l) => l);
      try {
        const results = lines.map((l) => JSON.parse(l) as PeerResult);
        if (results.length !== 1) throw new Error(`${results.length} results for one model`);
        resolve(results[0]!);
      } catch (e) {
        reject(new Error(`PyTorch peer printed no single JSON result: ${(e as Error).message}`));
      }
    });
  });
}
