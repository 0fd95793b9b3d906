// Command-line options of `layerlab bench`, parsed and checked (bad input names the option).
import { BENCH_MODELS, type BenchModel } from './models.js';
import { FASHION_DIR } from './fashion.js';

export interface BenchArgs {
  backend: string;
  peer: boolean;
  peerDevice: string;
  json: boolean;
  batches: number;
  warmup: number;
  batchSize: number;
  maxSeconds: number;
  models: BenchModel[];
  data: string;
}

export const BENCH_USAGE = `usage: layerlab bench [--backend all|NAME] [--peer] [--json] [--batches N]
                     [--warmup N] [--models standard,simplified,convolutional]
                     [--max-seconds S] [--peer-device cpu|cuda] [--data DIR]

  Trains the lecture's three MNIST networks on Fashion-MNIST (batch 128, RMSprop) for a
  fixed number of batches after a warm-up and prints images per second per backend.
  --backend      all (every available backend, the default) or one of tensorflow, webgpu, wasm, cpu
  --peer         also run the same networks in PyTorch (/usr/bin/python3) and print our/peer ratios
  --json         one JSON object per line; the last is {"results": [...]}
  --batches      timed batches per network and backend (default 20)
  --warmup       untimed batches before them (default 3)
  --max-seconds  time fewer batches where the warm-up says N would take longer (default 60)
  --peer-device  where PyTorch runs (default cpu)
  --data         the folder of Fashion-MNIST's IDX gzip files (default ${FASHION_DIR})`;

function positiveInt(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number, got '${v ?? ''}'`);
  return n;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const a: BenchArgs = {
    backend: 'all', peer: false, peerDevice: 'cpu', json: false, batches: 20, warmup: 3, batchSize: 128,
    maxSeconds: 60, models: [...BENCH_MODELS], data: FASHION_DIR,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--backend': a.backend = value(); break;
      case '--peer': a.peer = true; break;
      case '--json': a.json = true; break;
      case '--batches': a.batches = positiveInt(name, value()); break;
      case '--warmup': a.warmup = positiveInt(name, value()); break;
      case '--batch-size': a.batchSize = positiveInt(name, value()); break;
      case '--max-seconds': a.maxSeconds = positiveInt(name, value()); break;
      case '--peer-device': a.peerDevice = value(); break;
      case '--data': a.data = value(); break;
      case '--models': {
        const ms = value().split(',');
        const bad = ms.filter((m) => !(BENCH_MODELS as readonly string[]).includes(m));
        if (bad.length) throw new Error(`--models: unknown model '${bad[0]}' (known: ${BENCH_MODELS.join(', ')})`);
        a.models = ms as BenchModel[];
        break;
      }
      default:
        throw new Error(`unknown option '${flag}'`);
    }
  }
  return a;
}
