// Command-line options of `layerlab bench`, parsed by the CLI's parser (../cli/args.ts) and
// checked (bad input names the option).
import { parseOptions, stringOption, type OptionSpec } from '../cli/args.js';
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
  /** Each measurement trains at least this long (after its warm-up)… */
  minSeconds: number;
  /** …and fewer than `batches` batches where those would take longer than this. */
  maxSeconds: number;
  /** Measurements of each side: ours and the peer's alternately with --peer. */
  pairs: number;
  models: BenchModel[];
  data: string;
}

export const BENCH_USAGE = `usage: layerlab bench [--backend all|NAME] [--peer] [--json] [--pairs N] [--min-seconds S]
                     [--batches N] [--warmup N] [--models standard,simplified,convolutional]
                     [--max-seconds S] [--peer-device cpu|cuda] [--data DIR]

  Trains the lecture's three MNIST networks on Fashion-MNIST (batch 128, RMSprop) after a
  warm-up and prints images per second per backend: the median of --pairs measurements.
  --backend      all (every available backend, the default) or one of tensorflow, webgpu, wasm, cpu
  --peer         also run the same networks in PyTorch (/usr/bin/python3) on as many threads as
                 ours, taking turns with ours (ours, peer, ours, peer, …), and print the median
                 and range of the ours/peer ratio over the pairs
  --json         one JSON object per line; the last is {"results": [...]}
  --pairs        measurements of each side per network and backend (default 3)
  --min-seconds  each measurement trains at least this long (default 5)
  --batches      and at least this many batches (default 20)
  --warmup       untimed batches before each measurement (default 3)
  --max-seconds  time fewer batches where the warm-up says --batches would take longer (default 60)
  --peer-device  where PyTorch runs (default cpu)
  --data         the folder of Fashion-MNIST's IDX gzip files (default ${FASHION_DIR})
  LAYERLAB_WASM_THREADS sets wasm's thread count; the peer gets the same. The peer inherits the
  environment otherwise: OMP_WAIT_POLICY=PASSIVE keeps PyTorch's threads from spinning on a busy
  machine, where its default collapses on two threads.`;

function seconds(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || v === '' || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number of seconds, 0 or more, got '${v ?? ''}'`);
  return n;
}

function positiveInt(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number, got '${v ?? ''}'`);
  return n;
}

const OPTIONS = {
  backend: { type: 'string' },
  peer: { type: 'boolean' },
  json: { type: 'boolean' },
  batches: { type: 'string' },
  warmup: { type: 'string' },
  'batch-size': { type: 'string' },
  'min-seconds': { type: 'string' },
  'max-seconds': { type: 'string' },
  pairs: { type: 'string' },
  'peer-device': { type: 'string' },
  data: { type: 'string' },
  models: { type: 'string' },
} as const satisfies OptionSpec;

export function parseBenchArgs(argv: string[]): BenchArgs {
  const a: BenchArgs = {
    backend: 'all', peer: false, peerDevice: 'cpu', json: false, batches: 20, warmup: 3, batchSize: 128,
    minSeconds: 5, maxSeconds: 60, pairs: 3, models: [...BENCH_MODELS], data: FASHION_DIR,
  };
  const { values } = parseOptions(argv, OPTIONS, 0);
  const s = (name: keyof typeof OPTIONS) => stringOption(values, name);
  const has = (name: keyof typeof OPTIONS) => values[name] !== undefined;
  a.backend = s('backend') ?? a.backend;
  a.peer = values.peer === true;
  a.json = values.json === true;
  if (has('batches')) a.batches = positiveInt('--batches', s('batches'));
  if (has('warmup')) a.warmup = positiveInt('--warmup', s('warmup'));
  if (has('batch-size')) a.batchSize = positiveInt('--batch-size', s('batch-size'));
  if (has('min-seconds')) a.minSeconds = seconds('--min-seconds', s('min-seconds'));
  if (has('max-seconds')) a.maxSeconds = seconds('--max-seconds', s('max-seconds'));
  if (has('pairs')) a.pairs = positiveInt('--pairs', s('pairs'));
  a.peerDevice = s('peer-device') ?? a.peerDevice;
  a.data = s('data') ?? a.data;
  const models = s('models');
  if (models !== undefined) {
    const ms = models.split(',');
    const bad = ms.filter((m) => !(BENCH_MODELS as readonly string[]).includes(m));
    if (bad.length) throw new Error(`--models: unknown model '${bad[0]}' (known: ${BENCH_MODELS.join(', ')})`);
    a.models = ms as BenchModel[];
  }
  if (a.minSeconds > a.maxSeconds) throw new Error(`--min-seconds (${a.minSeconds}) is more than --max-seconds (${a.maxSeconds})`);
  return a;
}
