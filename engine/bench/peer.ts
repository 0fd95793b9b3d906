// Runs engine/bench/peer_torch.py with Debian's PyTorch. The system interpreter is used on
// purpose: python3-torch lives in /usr/bin/python3, which is not the first python3 on PATH
// on these machines.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchModel } from './models.js';

export interface PeerResult {
  model: string;
  backend: string;
  device: string;
  imagesPerSec: number;
  batches: number;
  finalLoss: number;
}

export const PEER_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'peer_torch.py');

export function peerPython(): string {
  return process.env.LAYERLAB_PEER_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
}

export async function runPeer(opts: {
  models: readonly BenchModel[];
  batches: number;
  warmup: number;
  batchSize: number;
  data: string;
  device: string;
}): Promise<PeerResult[]> {
  const args = [
    PEER_SCRIPT, '--models', opts.models.join(','), '--batches', String(opts.batches), '--warmup', String(opts.warmup),
    '--batch-size', String(opts.batchSize), '--data', opts.data, '--device', opts.device,
  ];
  const python = peerPython();
  return new Promise((resolve, reject) => {
    const child = spawn(python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
      try {
        resolve(out.trim().split('\n').filter((l) => l).map((l) => JSON.parse(l) as PeerResult));
      } catch (e) {
        reject(new Error(`PyTorch peer printed a line that is not JSON: ${(e as Error).message}`));
      }
    });
  });
}
